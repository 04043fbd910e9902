export * from './webhook.entity';
export * from './webhook-attempt.entity';
export * from './webhooks.module';
export * from './address-policy';
export * from './webhook-signature';
export * from './webhooks.service';
export * from './webhook-delivery.service';
export type * from './webhooks.repository';
