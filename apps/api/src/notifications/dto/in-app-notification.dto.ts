import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { InAppNotificationView } from '@ksbb/core';
import { PageQueryDto, toBool } from '../../platform/pagination.dto';

export class MyNotificationsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true: only unread; false: only read' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  unread?: boolean;
}

export class InAppNotificationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'the domain event it tells about' }) eventId: string;
  @ApiProperty({ example: 'commitment.approved' }) type: string;
  @ApiProperty({ example: 'Komitmen KOM/PANGAN/2026/000001 disetujui' }) title: string;
  @ApiProperty({ example: 'Komitmen KOM/PANGAN/2026/000001 untuk program PANGAN telah disetujui Pokja.' })
  body: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { aggregateType: 'commitment', aggregateId: '6c0f3c9e-1d7e-4a43-9d55-8f3c1b0f2a11' },
  })
  data: Record<string, unknown>;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) readAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;

  static of(n: InAppNotificationView): InAppNotificationResponse {
    return {
      id: n.id,
      eventId: n.eventId,
      type: n.type,
      title: n.title,
      body: n.body,
      data: n.data,
      readAt: n.readAt,
      createdAt: n.createdAt,
    };
  }
}

export class ReadAllResponse {
  @ApiProperty({ example: 3, description: 'notifications marked read by this call' }) updated: number;
}
