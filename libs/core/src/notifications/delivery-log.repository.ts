import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, PageRequest } from '../common/pagination';
import { DeliveryChannel, DeliveryStatus } from './notification-delivery.entity';
import { returnedRows } from './sql-rows';

/** A delivery row as operators see it: state and attempts, never the message. */
export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  channel: DeliveryChannel;
  recipient: string;
  userId: string | null;
  webhookId: string | null;
  /** The scheduled report run whose file the email attaches. */
  reportRunId: string | null;
  language: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeliveryFilter {
  status?: DeliveryStatus;
  channel?: DeliveryChannel;
  eventType?: string;
}

const COLUMNS = `id, event_id AS "eventId", event_type AS "eventType", channel, recipient, user_id AS "userId",
  webhook_id AS "webhookId", report_run_id AS "reportRunId", language, status, attempts, last_error AS "lastError",
  next_attempt_at AS "nextAttemptAt", sent_at AS "sentAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The outbox view of deliveries and retry by hand. */
@Injectable()
export class DeliveryLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    filter: DeliveryFilter,
    page: PageRequest,
    order: { column: string; direction: 'ASC' | 'DESC' },
  ): Promise<{ rows: DeliveryView[]; total: number }> {
    const rows: (DeliveryView & { total: number })[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM notification_deliveries
        WHERE ($1::varchar IS NULL OR status = $1) AND ($2::varchar IS NULL OR channel = $2)
          AND ($3::varchar IS NULL OR event_type = $3)
        ORDER BY ${order.column} ${order.direction}, id
        LIMIT $4 OFFSET $5`,
      [filter.status ?? null, filter.channel ?? null, filter.eventType ?? null, page.limit, offsetOf(page)],
    );
    return { rows: rows.map(({ total: _total, ...d }) => d), total: rows[0]?.total ?? 0 };
  }

  async get(id: string): Promise<DeliveryView | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notification_deliveries WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /**
   * Makes a failed or dead delivery due again (one more attempt, or a new series if it had attempts left).
   * Returns the row after the change, or as it is when it was not retryable; null when it does not exist (or,
   * with `webhookId`, does not belong to that webhook).
   */
  async requeue(
    id: string,
    webhookId: string | null = null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ row: DeliveryView; requeued: boolean } | null> {
    const rows = returnedRows<DeliveryView>(
      await manager.query(
        `UPDATE notification_deliveries
            SET status = 'pending', next_attempt_at = now(), updated_at = now()
          WHERE id = $1 AND ($2::uuid IS NULL OR webhook_id = $2::uuid) AND status IN ('pending', 'failed', 'dead')
          RETURNING ${COLUMNS}`,
        [id, webhookId],
      ),
    );
    if (rows[0]) return { row: rows[0], requeued: true };
    const [current] = await manager.query(
      `SELECT ${COLUMNS} FROM notification_deliveries WHERE id = $1 AND ($2::uuid IS NULL OR webhook_id = $2::uuid)`,
      [id, webhookId],
    );
    return current ? { row: current, requeued: false } : null;
  }
}
