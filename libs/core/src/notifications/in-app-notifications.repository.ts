import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { offsetOf, PageRequest } from '../common/pagination';
import { returnedRows } from './sql-rows';

export interface InAppNotificationView {
  id: string;
  eventId: string;
  type: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  readAt: Date | null;
  createdAt: Date;
}

const COLUMNS = `id, event_id AS "eventId", type, title, body, data, read_at AS "readAt", created_at AS "createdAt"`;

/** The `notifications` table as its recipients read it: every statement is scoped to one user. */
@Injectable()
export class InAppNotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of the user's notifications, newest first, with the total count. */
  async listOf(
    userId: string,
    unread: boolean | undefined,
    page: PageRequest,
  ): Promise<{ rows: InAppNotificationView[]; total: number }> {
    const rows: (InAppNotificationView & { total: number })[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM notifications
        WHERE user_id = $1 AND ($2::boolean IS NULL OR (read_at IS NULL) = $2)
        ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      [userId, unread ?? null, page.limit, offsetOf(page)],
    );
    return { rows: rows.map(({ total: _total, ...n }) => n), total: rows[0]?.total ?? 0 };
  }

  /** Marks one of the user's notifications read (keeping the first time); null when the user has no such one. */
  async markRead(userId: string, id: string): Promise<InAppNotificationView | null> {
    const rows = returnedRows<InAppNotificationView>(
      await this.dataSource.query(
        `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
        [id, userId],
      ),
    );
    return rows[0] ?? null;
  }

  /** Marks every unread notification of the user read; returns how many. */
  async markAllRead(userId: string): Promise<number> {
    const rows = returnedRows<unknown>(
      await this.dataSource.query(
        `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id`,
        [userId],
      ),
    );
    return rows.length;
  }
}
