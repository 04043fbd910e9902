import { Inject, Injectable, Logger } from '@nestjs/common';
import { EnqueueOptions, JOB_QUEUE_TOKEN, JobItem, JobName, JobQueue } from '@ksbb/jobs';
import { DeliveryChannel } from './notification-delivery.entity';

export interface DeliveryRef {
  id: string;
  channel: DeliveryChannel;
  /** the row's attempts so far: a job per attempt, so a retry is never taken for a duplicate of the attempt before */
  attempts: number;
}

/** How long handing jobs to Redis may take before the delivery sweep is left to do it. */
const ENQUEUE_TIMEOUT_MS = 1000;

export const deliveryJob = (d: DeliveryRef): JobItem =>
  d.channel === 'email'
    ? { name: JobName.SendEmail, data: { deliveryId: d.id } }
    : { name: JobName.DeliverWebhook, data: { deliveryId: d.id } };

/**
 * One job per delivery and attempt waits or runs at a time: the sweep re-enqueues due rows that may still sit in a
 * long queue (after a Redis outage, the whole backlog), and without this every sweep would add each of them again,
 * leaving the worker busy claiming rows that were already sent.
 */
export const deliveryDedupeKey = (d: DeliveryRef): string => `${d.channel}:${d.id}:${d.attempts}`;

/**
 * Hands delivery rows to their queue. Best effort by design: it never throws and never waits long, because the
 * row in PostgreSQL is the truth and the sweep re-enqueues any due row that has no job.
 */
@Injectable()
export class DeliveryJobs {
  private readonly logger = new Logger(DeliveryJobs.name);

  constructor(@Inject(JOB_QUEUE_TOKEN) private readonly jobs: JobQueue) {}

  /**
   * True when the queue took the jobs. `byHand` (an operator's retry) is its own job: it must not be folded into the
   * row's delayed retry, which would only run at the end of its backoff.
   */
  async enqueue(deliveries: DeliveryRef[], delayMs?: number, byHand = false): Promise<boolean> {
    if (deliveries.length === 0) return true;
    const options: EnqueueOptions[] = deliveries.map((d) => ({
      delayMs,
      dedupeKey: `${deliveryDedupeKey(d)}${byHand ? ':by-hand' : ''}`,
      // The row records the outcome (the admin pages read it): a completed job kept in Redis serves nothing, and
      // trimming the last 1000 kept ones cost Redis a deletion per job besides.
      keepCompleted: 0,
    }));
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
