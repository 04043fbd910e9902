import { Module } from '@nestjs/common';
import { WebhooksModule } from '@ksbb/core';
import { WebhooksController } from './webhooks.controller';

/** `/webhooks`: aggregators' subscriptions and their delivery log. */
@Module({ imports: [WebhooksModule], controllers: [WebhooksController] })
export class WebhooksHttpModule {}
