import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { oneOf } from '../database/columns';

export const DELIVERY_CHANNELS = ['email', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One message of one event to one recipient on one channel. The unique (event, channel, recipient) row is what
 * decides "already sent": BullMQ may run a job twice, the recipient still gets the message once.
 */
@Entity('notification_deliveries')
@Check('ck_notification_deliveries_channel', oneOf('channel', DELIVERY_CHANNELS))
@Check('ck_notification_deliveries_status', oneOf('status', DELIVERY_STATUSES))
@Index('uq_notification_deliveries', ['eventId', 'channel', 'recipient'], { unique: true })
@Index('ix_notification_deliveries_status', ['status', 'nextAttemptAt'])
@Index('ix_notification_deliveries_webhook', ['webhookId', 'createdAt'])
@Index('uq_notification_deliveries_report_run', ['reportRunId', 'recipient'], {
  unique: true,
  where: 'report_run_id IS NOT NULL',
})
export class NotificationDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The outbox event's `eventId`. */
  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'varchar', length: 64 })
  eventType: string;

  @Column({ type: 'varchar', length: 16 })
  channel: DeliveryChannel;

  /** An email address, or a webhook id. */
  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'uuid', nullable: true })
  webhookId: string | null;

  /** The scheduled report run this email carries as an attachment (one per run and recipient). */
  @Column({ type: 'uuid', nullable: true })
  reportRunId: string | null;

  @Column({ type: 'varchar', length: 2, default: 'id' })
  language: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
