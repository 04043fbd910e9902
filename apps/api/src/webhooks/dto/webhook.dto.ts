import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import {
  DELIVERY_STATUSES,
  DeliveryStatus,
  WEBHOOK_EVENT_TYPES,
  WebhookAttemptView,
  WebhookDeliveryView,
  WebhookView,
} from '@ksbb/core';

export class CreateWebhookRequest {
  @ApiProperty({
    example: 'https://partner.example.org/ksbb/webhook',
    maxLength: 2000,
    description:
      'https in production; only public unicast addresses: private, loopback, link-local, CGNAT, reserved and ' +
      'multicast addresses are refused, also as IPv4-mapped, IPv4-compatible, NAT64, 6to4 or Teredo IPv6 and in ' +
      'decimal, octal or hex IPv4 forms; a host name must resolve to public addresses only (checked again at delivery)',
  })
  @IsString()
  @MaxLength(2000)
  url: string;

  @ApiProperty({
    enum: WEBHOOK_EVENT_TYPES,
    isArray: true,
    example: ['commitment.approved', 'allocation.reserved'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events: string[];
}

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'null for an operator-owned webhook',
  })
  aggregatorId: string | null;
  @ApiProperty({ example: 'https://partner.example.org/ksbb/webhook' }) url: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, example: ['commitment.approved', 'handover.verified'] }) events: string[];
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;

  static of(w: WebhookView): WebhookResponse {
    return {
      id: w.id,
      aggregatorId: w.aggregatorId,
      url: w.url,
      events: w.events,
      active: w.active,
      createdAt: w.createdAt,
    };
  }
}

export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({
    example: 'whsec_3f1c…',
    description: 'signs every delivery (X-KSBB-Signature); shown only in this response',
  })
  secret: string;

  static withSecret(w: WebhookView & { secret: string }): CreatedWebhookResponse {
    return { ...WebhookResponse.of(w), secret: w.secret };
  }
}

export class WebhookAttemptResponse {
  @ApiProperty({ example: 1 }) attemptNo: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 503,
    description: 'null when no HTTP answer came',
  })
  statusCode: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'timed out after 5000 ms' }) error:
    | string
    | null;
  @ApiProperty({ example: 42 }) durationMs: number;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;

  static of(a: WebhookAttemptView): WebhookAttemptResponse {
    return {
      attemptNo: a.attemptNo,
      statusCode: a.statusCode,
      error: a.error,
      durationMs: a.durationMs,
      at: a.at,
    };
  }
}

export class WebhookDeliveryResponse {
  @ApiProperty({
    format: 'uuid',
    description: 'the X-KSBB-Delivery header and the body id; the same on every retry',
  })
  id: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'commitment.approved' }) eventType: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty({ example: 4 }) attemptCount: number;
  @ApiProperty({ type: [WebhookAttemptResponse], description: 'every HTTP attempt, oldest first' })
  attempts: WebhookAttemptResponse[];
  @ApiPropertyOptional({ type: String, nullable: true, example: 'HTTP 503' }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) nextAttemptAt: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) sentAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;

  static of(d: WebhookDeliveryView): WebhookDeliveryResponse {
    return {
      id: d.id,
      eventId: d.eventId,
      eventType: d.eventType,
      status: d.status,
      attemptCount: d.attemptCount,
      attempts: d.attempts.map(WebhookAttemptResponse.of),
      lastError: d.lastError,
      nextAttemptAt: d.nextAttemptAt,
      sentAt: d.sentAt,
      createdAt: d.createdAt,
    };
  }
}
