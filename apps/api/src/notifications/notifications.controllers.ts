import type { Type } from '@nestjs/common';
import { MeNotificationsController } from './me-notifications.controller';
import { NotificationsController } from './notifications.controller';
import { WebhooksController } from './webhooks.controller';

/** Controllers of notifications and webhooks, registered by AppModule. */
export const NOTIFICATIONS_CONTROLLERS: Type<unknown>[] = [
  MeNotificationsController,
  NotificationsController,
  WebhooksController,
];
