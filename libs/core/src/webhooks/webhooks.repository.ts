import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, PageRequest } from '../common/pagination';
import { DeliveryStatus } from '../notifications/notification-delivery.entity';

/** Whose webhooks a caller sees: one aggregator's, or (Pokja staff) all. */
export type WebhookScope = { aggregatorId: string } | 'all';

export interface WebhookView {
  id: string;
  aggregatorId: string | null;
  url: string;
  events: string[];
  active: boolean;
  createdAt: Date;
}

export interface WebhookAttemptView {
  attemptNo: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  at: string;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attemptCount: number;
  lastError: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
  createdAt: Date;
  attempts: WebhookAttemptView[];
}

const WEBHOOK_COLUMNS = `id, aggregator_id AS "aggregatorId", url, events, active, created_at AS "createdAt"`;

const scopeSql = (scope: WebhookScope, param: number): { sql: string; params: unknown[] } =>
  scope === 'all'
    ? { sql: 'TRUE', params: [] }
    : { sql: `aggregator_id = $${param}`, params: [scope.aggregatorId] };

@Injectable()
export class WebhooksRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(w: {
    aggregatorId: string | null;
    url: string;
    events: string[];
    secret: string;
    createdBy: string | null;
  }): Promise<WebhookView & { secret: string }> {
    const [row] = await this.dataSource.query(
      `INSERT INTO webhooks (aggregator_id, url, events, secret, created_by) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${WEBHOOK_COLUMNS}, secret`,
      [w.aggregatorId, w.url, w.events, w.secret, w.createdBy],
    );
    return row;
  }

  async list(scope: WebhookScope, page: PageRequest): Promise<{ rows: WebhookView[]; total: number }> {
    const where = scopeSql(scope, 3);
    const rows: (WebhookView & { total: number })[] = await this.dataSource.query(
      `SELECT ${WEBHOOK_COLUMNS}, count(*) OVER ()::int AS total FROM webhooks
        WHERE ${where.sql} ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`,
      [page.limit, offsetOf(page), ...where.params],
    );
    return {
      rows: rows.map(({ total: _total, ...w }) => w),
      total: rows[0]?.total ?? (await this.count(scope)),
    };
  }

  private async count(scope: WebhookScope): Promise<number> {
    const where = scopeSql(scope, 1);
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM webhooks WHERE ${where.sql}`,
      where.params,
    );
    return n;
  }

  async findVisible(id: string, scope: WebhookScope): Promise<WebhookView | null> {
    const where = scopeSql(scope, 2);
    const [row] = await this.dataSource.query(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE id = $1 AND ${where.sql}`,
      [id, ...where.params],
    );
    return row ?? null;
  }

  /** What a delivery needs: where to post and the signing secret. */
  async forDelivery(id: string | null): Promise<{ url: string; secret: string; active: boolean } | null> {
    if (!id) return null;
    const [row] = await this.dataSource.query(`SELECT url, secret, active FROM webhooks WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Deletes the subscription; its unsent deliveries die with it (their log stays readable to operators). */
  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE notification_deliveries SET status = 'dead', last_error = 'the webhook was deleted', updated_at = now()
        WHERE webhook_id = $1 AND status IN ('pending', 'failed')`,
      [id],
    );
    await manager.query(`DELETE FROM webhooks WHERE id = $1`, [id]);
  }

  async deliveries(
    webhookId: string,
    page: PageRequest,
  ): Promise<{ rows: WebhookDeliveryView[]; total: number }> {
    const rows: (WebhookDeliveryView & { total: number })[] = await this.dataSource.query(
      `SELECT d.id, d.event_id AS "eventId", d.event_type AS "eventType", d.status, d.attempts AS "attemptCount",
              d.last_error AS "lastError", d.next_attempt_at AS "nextAttemptAt", d.sent_at AS "sentAt",
              d.created_at AS "createdAt", count(*) OVER ()::int AS total,
              coalesce((SELECT json_agg(json_build_object('attemptNo', a.attempt_no, 'statusCode', a.status_code,
                                 'error', a.error, 'durationMs', a.duration_ms, 'at', a.at) ORDER BY a.attempt_no)
                          FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]'::json) AS attempts
         FROM notification_deliveries d
        WHERE d.webhook_id = $1 AND d.channel = 'webhook'
        ORDER BY d.created_at DESC, d.id
        LIMIT $2 OFFSET $3`,
      [webhookId, page.limit, offsetOf(page)],
    );
    const total = rows[0]?.total ?? 0;
    return { rows: rows.map(({ total: _total, ...d }) => d), total };
  }

  async recordAttempt(
    manager: EntityManager,
    a: {
      deliveryId: string;
      attemptNo: number;
      statusCode: number | null;
      error: string | null;
      durationMs: number;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO webhook_attempts (delivery_id, attempt_no, status_code, error, duration_ms)
       VALUES ($1, $2, $3, left($4, 1000), $5) ON CONFLICT (delivery_id, attempt_no) DO NOTHING`,
      [a.deliveryId, a.attemptNo, a.statusCode, a.error, a.durationMs],
    );
  }
}
