import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DELIVERY_SETTINGS, DeliverySettings, retryDelayMs } from '../notifications/delivery-settings';
import { DeliveryJobs } from '../notifications/delivery-jobs';
import type { ClaimedDelivery } from '../notifications/delivery-state.repository';
import { DeliveryStates } from '../notifications/delivery-states.service';
import { DeliveryOutcome } from '../notifications/email-delivery.service';
import { postWebhook, WebhookResponse } from './webhook-http';
import { signWebhook } from './webhook-signature';
import { WebhooksRepository } from './webhooks.repository';

/**
 * Delivers one webhook row: claim, POST the signed event, log the attempt, then mark it sent (2xx) or schedule
 * the next attempt with backoff; dead after the configured number of attempts.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly state: DeliveryStates,
    private readonly webhooks: WebhooksRepository,
    private readonly jobs: DeliveryJobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
  ) {}

  async deliver(deliveryId: string): Promise<DeliveryOutcome> {
    const claimed = await this.state.claim(deliveryId);
    if (!claimed) return { status: 'skipped' };
    const webhook = await this.webhooks.forDelivery(claimed.webhookId);
    if (!webhook?.active) return this.conclude(claimed, null, 'the webhook was deleted or deactivated', true);
    const event = claimed.event;
    if (!event) return this.conclude(claimed, null, 'the event of this delivery no longer exists', true);

    const body = JSON.stringify({
      id: claimed.id,
      type: event.type,
      createdAt: new Date(event.createdAt).toISOString(),
      data: event.payload,
    });
    const response = await postWebhook(
      webhook.url,
      body,
      {
        'user-agent': 'KSBB-Webhooks/1.0',
        'x-ksbb-signature': signWebhook(webhook.secret, body, Math.floor(Date.now() / 1000)),
        'x-ksbb-delivery': claimed.id,
        'x-ksbb-event': event.type,
      },
      { timeoutMs: this.settings.WEBHOOK_TIMEOUT_MS, allowPrivate: this.config.WEBHOOK_ALLOW_PRIVATE },
    );
    const delivered = response.statusCode !== null && response.statusCode >= 200 && response.statusCode < 300;
    const error = delivered ? null : (response.error ?? `HTTP ${response.statusCode}`);
    return this.conclude(claimed, response, error, false);
  }

  /** Logs the attempt (when a request was made) and the row's new state in one transaction. */
  private async conclude(
    claimed: ClaimedDelivery,
    response: WebhookResponse | null,
    error: string | null,
    permanent: boolean,
  ): Promise<DeliveryOutcome> {
    const delay = retryDelayMs(claimed.attempt, this.settings);
    const outcome = await this.dataSource.transaction(async (manager): Promise<DeliveryOutcome> => {
      if (response) {
        await this.webhooks.recordAttempt(manager, {
          deliveryId: claimed.id,
          attemptNo: claimed.attempt,
          statusCode: response.statusCode,
          error: response.error ?? (error && response.statusCode !== null ? error : null),
          durationMs: response.durationMs,
        });
      }
      if (error === null)
        return { status: 'sent', latencySeconds: await this.state.markSent(claimed, manager) };
      const status = await this.state.markFailed(claimed, error, delay, permanent, manager);
      return { status: status === 'dead' ? 'dead' : 'failed', error };
    });
    if (outcome.status === 'failed') await this.jobs.enqueue([{ id: claimed.id, channel: 'webhook', attempts: claimed.attempt }], delay);
    if (outcome.status !== 'sent') {
      this.logger.warn(
        { deliveryId: claimed.id, attempt: claimed.attempt, status: outcome.status, err: error },
        'webhook not delivered',
      );
    }
    return outcome;
  }
}
