import { Module } from '@nestjs/common';
import { NotificationsModule } from '@ksbb/core';
import { MeNotificationsController } from './me-notifications.controller';
import { NotificationsController } from './notifications.controller';

/** `/me/notifications` (the in-app inbox) and the operators' notification outbox. */
@Module({ imports: [NotificationsModule], controllers: [MeNotificationsController, NotificationsController] })
export class NotificationsHttpModule {}
