import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryJobs } from './delivery-jobs';
import { EventFanOutRepository } from './event-fan-out.repository';
import { EVENT_AUDIENCES, isWebhookEventType } from './event-routing';
import { notificationText } from './notification-texts';

export interface DispatchResult {
  notified: number;
  emails: number;
  webhooks: number;
}

/**
 * Turns one outbox event into its deliveries: in-app notifications, email rows and webhook rows, all inserted in
 * one transaction with ON CONFLICT DO NOTHING, so a redelivered job changes nothing. The send jobs (ids only)
 * are enqueued after commit; if that fails, the delivery sweep finds the pending rows.
 */
@Injectable()
export class EventDispatcher {
  private readonly logger = new Logger(EventDispatcher.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly fanOut: EventFanOutRepository,
    private readonly deliveryJobs: DeliveryJobs,
  ) {}

  async dispatch(outboxId: string): Promise<DispatchResult | null> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const event = await this.fanOut.lockEvent(manager, outboxId);
      if (!event) return null;
      // Already dispatched: a duplicate job (the outbox sweep re-relays events still waiting behind a long queue,
      // e.g. after a Redis outage). Its rows exist and their jobs were enqueued, or the delivery sweep finds them;
      // fanning out again would only repeat the work, and the backlog would drain at a fraction of its speed.
      if (event.publishedAt) return null;
      const result: DispatchResult = { notified: 0, emails: 0, webhooks: 0 };
      const audience = EVENT_AUDIENCES[event.type];
      const parties =
        audience || isWebhookEventType(event.type) ? await this.fanOut.parties(manager, event) : null;
      if (audience && parties) {
        const texts = {
          id: notificationText(event.type, 'id', event.payload),
          en: notificationText(event.type, 'en', event.payload),
        };
        result.notified = await this.fanOut.insertInApp(manager, event, { audience, parties }, texts);
        if (audience.email)
          result.emails = await this.fanOut.insertEmails(manager, event, { audience, parties });
      }
      if (parties && isWebhookEventType(event.type)) {
        result.webhooks = await this.fanOut.insertWebhookDeliveries(manager, event, parties.aggregatorId);
      }
      await this.fanOut.markPublished(manager, outboxId);
      return { event, result };
    });
    if (!outcome) return null;
    const pending = await this.fanOut.pendingOf(this.dataSource.manager, outcome.event.eventId);
    await this.deliveryJobs.enqueue(pending);
    const { result, event } = outcome;
    if (result.notified + result.emails + result.webhooks > 0) {
      this.logger.log({ event: event.type, outboxId, ...result }, 'event dispatched');
    }
    return result;
  }
}
