import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@ksbb/core';
import { bullConnection, QueueName } from '@ksbb/jobs';

/** The BullMQ key prefix shared by the API's producers and this worker's consumers. */
export const bullPrefix = (config: AppConfig): string => `${config.REDIS_PREFIX}:bull`;

/**
 * One BullMQ `Queue` handle per queue name, to read queue depths for the metrics. Jobs are enqueued and scheduled
 * through `JobQueue` (@ksbb/jobs), never through these handles.
 */
@Injectable()
export class QueueHandles implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Every handle is opened at start, so the first scrape finds them connected instead of timing out on connect. */
  onApplicationBootstrap(): void {
    for (const name of Object.values(QueueName)) this.get(name);
  }

  get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: bullConnection(this.config.REDIS_URL),
        prefix: bullPrefix(this.config),
      });
      // Connection errors surface as failed calls; the event itself needs no handling beyond not crashing.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.queues.clear();
  }
}
