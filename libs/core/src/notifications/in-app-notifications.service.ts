import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ForbiddenError, NotFoundError } from '../common/domain-errors';
import { offsetOf, Page, pageOf, PageRequest } from '../common/pagination';
import { Principal } from '../common/request-context';
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

/** A user's own in-app notifications. Another user's notification is "not found". */
@Injectable()
export class InAppNotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  async listMine(
    p: Principal,
    unread: boolean | undefined,
    page: PageRequest,
  ): Promise<Page<InAppNotificationView>> {
    const userId = userOf(p);
    const rows: (InAppNotificationView & { total: number })[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM notifications
        WHERE user_id = $1 AND ($2::boolean IS NULL OR (read_at IS NULL) = $2)
        ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      [userId, unread ?? null, page.limit, offsetOf(page)],
    );
    return pageOf(
      rows.map(({ total: _total, ...n }) => n),
      rows[0]?.total ?? 0,
      page,
    );
  }

  async markRead(p: Principal, id: string): Promise<InAppNotificationView> {
    const rows = returnedRows<InAppNotificationView>(
      await this.dataSource.query(
        `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
        [id, userOf(p)],
      ),
    );
    if (!rows[0]) throw new NotFoundError('notification', id);
    return rows[0];
  }

  async markAllRead(p: Principal): Promise<{ updated: number }> {
    const rows = returnedRows<unknown>(
      await this.dataSource.query(
        `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id`,
        [userOf(p)],
      ),
    );
    return { updated: rows.length };
  }
}

function userOf(p: Principal): string {
  if (p.kind !== 'user' || !p.id)
    throw new ForbiddenError('in-app notifications belong to user accounts, not API keys');
  return p.id;
}
