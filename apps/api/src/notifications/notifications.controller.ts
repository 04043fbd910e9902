import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { DeliveryAdminService, Page } from '@ksbb/core';
import { Roles, STAFF } from '../platform/auth.decorators';
import { ApiIdempotent, ApiPage, ApiProblems } from '../platform/openapi.decorators';
import { DeliveryListQuery, DeliveryResponse } from './dto/delivery.dto';

/** The operators' outbox: every email and webhook delivery with its state, attempts and last error. */
@ApiTags('notifications')
@Controller('notifications')
@Roles(...STAFF)
export class NotificationsController {
  constructor(private readonly deliveries: DeliveryAdminService) {}

  @Get()
  @ApiPage(DeliveryResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'notificationsList',
    summary: 'List notification deliveries',
    description: 'The email and webhook outbox with status, attempts and next attempt; filterable. 400 on a malformed query.',
  })
  async list(@Query() q: DeliveryListQuery): Promise<Page<DeliveryResponse>> {
    const page = await this.deliveries.list(
      { status: q.status, channel: q.channel, eventType: q.eventType },
      q,
    );
    return { ...page, data: page.data.map(DeliveryResponse.of) };
  }

  /** A failed or dead delivery is sent again; 409 when it was already sent or an attempt is in progress. */
  @Post(':id/retry')
  @HttpCode(200)
  @ApiIdempotent()
  @ApiOkResponse({ type: DeliveryResponse, description: 'the delivery, pending again' })
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    operationId: 'notificationsRetry',
    summary: 'Retry a delivery',
    description: 'Puts a failed or dead delivery back to pending. 409 when it is pending or already sent, 404 unknown id.',
  })
  async retry(@Param('id', ParseUUIDPipe) id: string): Promise<DeliveryResponse> {
    return DeliveryResponse.of(await this.deliveries.retry(id));
  }
}
