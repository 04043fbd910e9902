import { Queue, RedisOptions } from 'bullmq';
import { EnqueueOptions, JOB_QUEUE, JobItem, JobQueue, QueueName } from './job.types';

export interface BullMqConnection {
  url: string;
  prefix: string;
}

/** Turns a redis:// URL into BullMQ connection options that fail fast instead of queueing commands forever. */
export function bullConnection(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname && u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
  };
}

/**
 * Connection options for a BullMQ Worker. Its blocking commands must wait out a Redis restart instead of failing
 * (BullMQ requires `maxRetriesPerRequest: null`), and commands issued while reconnecting are queued, not rejected.
 */
export function bullWorkerConnection(url: string): RedisOptions {
  return { ...bullConnection(url), maxRetriesPerRequest: null, enableOfflineQueue: true };
}

/** JobQueue over BullMQ. Completed jobs are trimmed; failed ones kept for inspection. */
export class BullMqJobQueue implements JobQueue {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly connection: BullMqConnection) {}

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: bullConnection(this.connection.url),
        prefix: this.connection.prefix,
        defaultJobOptions: {
          attempts: 8,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { count: 1000 },
          removeOnFail: { count: 5000 },
        },
      });
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  async enqueue(item: JobItem, options: EnqueueOptions = {}): Promise<void> {
    await this.queue(JOB_QUEUE[item.name]).add(item.name, item.data, {
      jobId: options.jobId,
      delay: options.delayMs,
    });
  }

  async enqueueMany(items: JobItem[], options: EnqueueOptions[] = []): Promise<void> {
    const byQueue = new Map<QueueName, { item: JobItem; options: EnqueueOptions }[]>();
    items.forEach((item, i) => {
      const q = JOB_QUEUE[item.name];
      byQueue.set(q, [...(byQueue.get(q) ?? []), { item, options: options[i] ?? {} }]);
    });
    for (const [q, list] of byQueue) {
      await this.queue(q).addBulk(
        list.map(({ item, options: o }) => ({
          name: item.name,
          data: item.data,
          opts: { jobId: o.jobId, delay: o.delayMs },
        })),
      );
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}
