import { Inject, Injectable, Logger } from '@nestjs/common';
import { EnqueueOptions, JOB_QUEUE_TOKEN, JobItem, JobName, JobQueue } from '@ksbb/jobs';
import { DeliveryChannel } from './notification-delivery.entity';

export interface DeliveryRef {
  id: string;
  channel: DeliveryChannel;
}

/** How long handing jobs to Redis may take before the delivery sweep is left to do it. */
const ENQUEUE_TIMEOUT_MS = 1000;

export const deliveryJob = (d: DeliveryRef): JobItem =>
  d.channel === 'email'
    ? { name: JobName.SendEmail, data: { deliveryId: d.id } }
    : { name: JobName.DeliverWebhook, data: { deliveryId: d.id } };

/**
 * Hands delivery rows to their queue. Best effort by design: it never throws and never waits long, because the
 * row in PostgreSQL is the truth and the sweep re-enqueues any due row that has no job.
 */
@Injectable()
export class DeliveryJobs {
  private readonly logger = new Logger(DeliveryJobs.name);

  constructor(@Inject(JOB_QUEUE_TOKEN) private readonly jobs: JobQueue) {}

  /** True when the queue took the jobs. */
  async enqueue(deliveries: DeliveryRef[], delayMs?: number): Promise<boolean> {
    if (deliveries.length === 0) return true;
    const options: EnqueueOptions[] = deliveries.map(() => ({ delayMs }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), ENQUEUE_TIMEOUT_MS);
    });
    try {
      const outcome = await Promise.race([
        this.jobs.enqueueMany(deliveries.map(deliveryJob), options),
        timeout,
      ]);
      if (outcome === 'timeout') {
        this.logger.warn(`queue slow; ${deliveries.length} delivery job(s) left to the sweep`);
        return false;
      }
      return true;
    } catch {
      this.logger.warn(`queue unavailable; ${deliveries.length} delivery job(s) left to the sweep`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
