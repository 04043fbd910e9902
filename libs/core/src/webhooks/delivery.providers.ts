import type { Provider } from '@nestjs/common';
import { DeliveryAdminService } from '../notifications/delivery-admin.service';
import { DeliveryJobs } from '../notifications/delivery-jobs';
import { DeliveryLogRepository } from '../notifications/delivery-log.repository';
import { DELIVERY_SETTINGS, loadDeliverySettings } from '../notifications/delivery-settings';
import { DeliveryStateRepository } from '../notifications/delivery-state.repository';
import { DeliverySweeper } from '../notifications/delivery-sweeper.service';
import { EmailDeliveryService } from '../notifications/email-delivery.service';
import { EventFanOutRepository } from '../notifications/event-fan-out.repository';
import { InAppNotificationsRepository } from '../notifications/in-app-notifications.repository';
import { InAppNotificationsService } from '../notifications/in-app-notifications.service';
import { MailTransport } from '../notifications/mail-transport';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Providers of notifications delivery (email, webhooks, in-app), registered by CoreModule. */
export const DELIVERY_PROVIDERS: Provider[] = [
  { provide: DELIVERY_SETTINGS, useFactory: () => loadDeliverySettings() },
  EventFanOutRepository,
  DeliveryJobs,
  DeliveryStateRepository,
  DeliveryLogRepository,
  DeliverySweeper,
  DeliveryAdminService,
  MailTransport,
  EmailDeliveryService,
  InAppNotificationsRepository,
  InAppNotificationsService,
  WebhooksRepository,
  WebhooksService,
  WebhookDeliveryService,
];
