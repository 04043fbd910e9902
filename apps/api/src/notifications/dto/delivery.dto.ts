import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  DeliveryChannel,
  DeliveryStatus,
  DeliveryView,
  LANGUAGES,
} from '@ksbb/core';
import { PageQueryDto } from '../../platform/pagination.dto';

export class DeliveryListQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
  @ApiPropertyOptional({ enum: DELIVERY_CHANNELS })
  @IsOptional()
  @IsIn(DELIVERY_CHANNELS)
  channel?: DeliveryChannel;
  @ApiPropertyOptional({ example: 'commitment.approved' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  eventType?: string;
}

/** One message of one event to one recipient: its state and attempts, never its content. */
export class DeliveryResponse {
  @ApiProperty({ format: 'uuid', description: 'also the Message-ID / X-KSBB-Delivery of the message' })
  id: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'commitment.approved' }) eventType: string;
  @ApiProperty({ enum: DELIVERY_CHANNELS }) channel: DeliveryChannel;
  @ApiProperty({ description: 'an email address, or the webhook id', example: 'donor@demo.ksbb.id' })
  recipient: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) userId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) webhookId: string | null;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'the scheduled report run whose file this email carries as an attachment',
    example: '6f1c2d3e-4b5a-4c6d-8e7f-8091a2b3c4d5',
  })
  reportRunId: string | null;
  @ApiProperty({ enum: LANGUAGES }) language: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty({ example: 1, description: 'attempts made so far' }) attempts: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'ECONNREFUSED: connect ECONNREFUSED' })
  lastError: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'when the next attempt is due (or the lease of the one in progress ends)',
  })
  nextAttemptAt: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) sentAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;

  static of(d: DeliveryView): DeliveryResponse {
    return {
      id: d.id,
      eventId: d.eventId,
      eventType: d.eventType,
      channel: d.channel,
      recipient: d.recipient,
      userId: d.userId,
      webhookId: d.webhookId,
      reportRunId: d.reportRunId ?? null,
      language: d.language,
      status: d.status,
      attempts: d.attempts,
      lastError: d.lastError,
      nextAttemptAt: d.nextAttemptAt,
      sentAt: d.sentAt,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    };
  }
}
