export * from './webhook.entity';
export * from './webhook-attempt.entity';
export * from '../notifications/notification-delivery.entity';
export * from './delivery.providers';
