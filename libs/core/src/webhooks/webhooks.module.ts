import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AggregatorsModule } from '../aggregators/aggregators.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { Webhook } from './webhook.entity';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Signed webhooks to aggregators' systems: subscriptions, delivery with backoff, the attempt log. */
@Module({
  imports: [TypeOrmModule.forFeature([Webhook, WebhookAttempt]), NotificationsModule, AggregatorsModule],
  providers: [WebhooksRepository, WebhooksService, WebhookDeliveryService],
  exports: [WebhooksService, WebhookDeliveryService],
})
export class WebhooksModule {}
