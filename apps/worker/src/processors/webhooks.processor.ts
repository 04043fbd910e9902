import { Injectable } from '@nestjs/common';
import { WebhookDeliveryService } from '@ksbb/core';
import { JobName, QueueName } from '@ksbb/jobs';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { DEDUPLICATED_STALL_MS, JobHandlers, JobSchedule, QueueProcessor } from './queue-processor';

/** POSTs webhook deliveries. Retries are rows with a backoff, not BullMQ retries: the log shows each attempt. */
@Injectable()
export class WebhooksProcessor implements QueueProcessor {
  readonly queue = QueueName.Webhooks;
  /** Each job may wait up to the webhook timeout on a slow receiver; several run side by side. */
  readonly concurrency = 16;
  /** short: a dead worker's webhook jobs hold their deduplication keys until found (see QueueProcessor) */
  readonly stallAfterMs = DEDUPLICATED_STALL_MS;
  readonly schedules: readonly JobSchedule[] = [];
  readonly handlers: JobHandlers = {
    [JobName.DeliverWebhook]: async ({ deliveryId }) => {
      const outcome = await this.webhooks.deliver(deliveryId);
      this.metrics.recordDelivery('webhook', outcome);
      return outcome;
    },
  };

  constructor(
    private readonly webhooks: WebhookDeliveryService,
    private readonly metrics: WorkerMetrics,
  ) {}
}
