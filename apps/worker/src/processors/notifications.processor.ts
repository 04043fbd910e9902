import { Inject, Injectable } from '@nestjs/common';
import { DELIVERY_SETTINGS, DeliverySettings, DeliverySweeper, EmailDeliveryService } from '@ksbb/core';
import { JobName, QueueName } from '@ksbb/jobs';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { DEDUPLICATED_STALL_MS, JobHandlers, JobSchedule, QueueProcessor } from './queue-processor';

/**
 * Sends email deliveries, and runs the delivery sweep (emails and webhooks alike) that re-enqueues due rows
 * without a job and rows whose worker died holding them. A job delivered twice is harmless: the row is claimed
 * atomically, so the second run finds nothing to send.
 */
@Injectable()
export class NotificationsProcessor implements QueueProcessor {
  readonly queue = QueueName.Notifications;
  /** NOTIFICATIONS_CONCURRENCY per process (the SMTP pool, SMTP_POOL_SIZE, sized alike) */
  readonly concurrency: number;
  /** short: a dead worker's email jobs hold their deduplication keys until found (see QueueProcessor) */
  readonly stallAfterMs = DEDUPLICATED_STALL_MS;
  readonly schedules: readonly JobSchedule[];
  readonly handlers: JobHandlers = {
    [JobName.SendEmail]: async ({ deliveryId }) => {
      const outcome = await this.emails.send(deliveryId);
      this.metrics.recordDelivery('email', outcome);
      return outcome;
    },
    [JobName.SweepDeliveries]: () => this.sweeper.sweep(),
  };

  constructor(
    @Inject(DELIVERY_SETTINGS) settings: DeliverySettings,
    private readonly emails: EmailDeliveryService,
    private readonly sweeper: DeliverySweeper,
    private readonly metrics: WorkerMetrics,
  ) {
    this.concurrency = settings.NOTIFICATIONS_CONCURRENCY;
    this.schedules = [
      {
        id: 'sweep-deliveries',
        everyMs: settings.DELIVERY_SWEEP_MS,
        job: { name: JobName.SweepDeliveries, data: {} },
      },
    ];
  }
}
