import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '../common/domain-errors';
import { Page, pageOf, PageRequest } from '../common/pagination';
import { Principal } from '../common/request-context';
import { InAppNotificationsRepository, InAppNotificationView } from './in-app-notifications.repository';

export type { InAppNotificationView } from './in-app-notifications.repository';

/** A user's own in-app notifications. Another user's notification is "not found". */
@Injectable()
export class InAppNotificationsService {
  constructor(private readonly notifications: InAppNotificationsRepository) {}

  async listMine(
    p: Principal,
    unread: boolean | undefined,
    page: PageRequest,
  ): Promise<Page<InAppNotificationView>> {
    const { rows, total } = await this.notifications.listOf(userOf(p), unread, page);
    return pageOf(rows, total, page);
  }

  async markRead(p: Principal, id: string): Promise<InAppNotificationView> {
    const notification = await this.notifications.markRead(userOf(p), id);
    if (!notification) throw new NotFoundError('notification', id);
    return notification;
  }

  async markAllRead(p: Principal): Promise<{ updated: number }> {
    return { updated: await this.notifications.markAllRead(userOf(p)) };
  }
}

function userOf(p: Principal): string {
  if (p.kind !== 'user' || !p.id)
    throw new ForbiddenError('in-app notifications belong to user accounts, not API keys');
  return p.id;
}
