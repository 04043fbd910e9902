import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import { Page, pageOf, PageRequest } from '../common/pagination';
import { Principal } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { DeliveryAdminService } from '../notifications/delivery-admin.service';
import { DeliveryView } from '../notifications/delivery-log.repository';
import { isWebhookEventType, WEBHOOK_EVENT_TYPES } from '../notifications/event-routing';
import { webhookUrlProblem } from './address-policy';
import { newWebhookSecret } from './webhook-signature';
import { WebhookDeliveryView, WebhooksRepository, WebhookScope, WebhookView } from './webhooks.repository';

export interface CreateWebhookInput {
  url: string;
  events: string[];
}

/**
 * Subscriptions of partner systems. An aggregator (user or API key) owns its own; Pokja staff create
 * operator-owned ones (which hear every event) and see all. Another owner's webhook is "not found".
 */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly webhooks: WebhooksRepository,
    private readonly deliveryAdmin: DeliveryAdminService,
    private readonly uow: UnitOfWork,
  ) {}

  async create(p: Principal, input: CreateWebhookInput): Promise<WebhookView & { secret: string }> {
    const scope = scopeOf(p);
    const unknown = input.events.filter((e) => !isWebhookEventType(e));
    if (unknown.length) {
      throw new InvalidInputError(`unknown event type(s): ${unknown.join(', ')}`, [
        { field: 'events', message: `each must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}` },
      ]);
    }
    const problem = await webhookUrlProblem(input.url, {
      allowPrivate: this.config.WEBHOOK_ALLOW_PRIVATE,
      requireHttps: this.config.NODE_ENV === 'production',
    });
    if (problem)
      throw new InvalidInputError(`the webhook URL ${problem}`, [{ field: 'url', message: problem }]);
    return this.uow.run(async (tx) => {
      const created = await this.webhooks.insert({
        aggregatorId: scope === 'all' ? null : scope.aggregatorId,
        url: input.url,
        events: [...new Set(input.events)],
        secret: newWebhookSecret(),
        createdBy: p.kind === 'user' ? p.id : null,
      });
      const { secret: _secret, ...audited } = created;
      await tx.audit({ action: 'webhook.created', entity: 'webhook', entityId: created.id, after: audited });
      return created;
    });
  }

  async list(p: Principal, page: PageRequest): Promise<Page<WebhookView>> {
    const { rows, total } = await this.webhooks.list(scopeOf(p), page);
    return pageOf(rows, total, page);
  }

  async remove(p: Principal, id: string): Promise<void> {
    const webhook = await this.visible(p, id);
    await this.uow.run(async (tx) => {
      await this.webhooks.delete(tx.manager, id);
      await tx.audit({ action: 'webhook.deleted', entity: 'webhook', entityId: id, before: webhook });
    });
  }

  async deliveries(p: Principal, id: string, page: PageRequest): Promise<Page<WebhookDeliveryView>> {
    await this.visible(p, id);
    const { rows, total } = await this.webhooks.deliveries(id, page);
    return pageOf(rows, total, page);
  }

  async retry(p: Principal, id: string, deliveryId: string): Promise<DeliveryView> {
    await this.visible(p, id);
    return this.deliveryAdmin.retry(deliveryId, id);
  }

  private async visible(p: Principal, id: string): Promise<WebhookView> {
    const webhook = await this.webhooks.findVisible(id, scopeOf(p));
    if (!webhook) throw new NotFoundError('webhook', id);
    return webhook;
  }
}

function scopeOf(p: Principal): WebhookScope {
  if (p.role === 'admin' || p.role === 'operator') return 'all';
  if (p.role === 'aggregator' && p.aggregatorId) return { aggregatorId: p.aggregatorId };
  throw new ForbiddenError('only aggregators and Pokja staff manage webhooks');
}
