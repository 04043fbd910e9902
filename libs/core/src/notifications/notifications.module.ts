import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
import { DeliveryAdminService } from './delivery-admin.service';
import { DeliveryJobs } from './delivery-jobs';
import { DeliveryLogRepository } from './delivery-log.repository';
import { DELIVERY_SETTINGS, loadDeliverySettings } from './delivery-settings';
import { DeliveryStateRepository } from './delivery-state.repository';
import { DeliveryStates } from './delivery-states.service';
import { DeliverySweeper } from './delivery-sweeper.service';
import { EmailDeliveryService } from './email-delivery.service';
import { EventDispatcher } from './event-dispatcher.service';
import { EventFanOutRepository } from './event-fan-out.repository';
import { InAppNotificationsRepository } from './in-app-notifications.repository';
import { InAppNotificationsService } from './in-app-notifications.service';
import { MailTransport } from './mail-transport';
import { NotificationDelivery } from './notification-delivery.entity';
import { Notification } from './notification.entity';
import { ReportMailRepository } from './report-mail.repository';
import { ReportMails } from './report-mails.service';

/**
 * Domain events fanned out to their audiences: in-app notifications, emails (with retries) and the delivery rows
 * that webhooks use too; the operators' outbox view and retry.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationDelivery]), UsersModule],
  providers: [
    { provide: DELIVERY_SETTINGS, useFactory: () => loadDeliverySettings() },
    EventFanOutRepository,
    EventDispatcher,
    DeliveryJobs,
    DeliveryStateRepository,
    DeliveryStates,
    DeliveryLogRepository,
    DeliverySweeper,
    DeliveryAdminService,
    MailTransport,
    EmailDeliveryService,
    InAppNotificationsRepository,
    InAppNotificationsService,
    ReportMailRepository,
    ReportMails,
  ],
  exports: [
    DELIVERY_SETTINGS,
    EventDispatcher,
    DeliveryJobs,
    DeliveryStates,
    DeliverySweeper,
    DeliveryAdminService,
    EmailDeliveryService,
    InAppNotificationsService,
    ReportMails,
  ],
})
export class NotificationsModule {}
