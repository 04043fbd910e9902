import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { DeliveryAdminService, Page } from '@ksbb/core';
import { Roles, STAFF } from '../platform/auth.decorators';
import { BULK_MAX_ITEMS, BulkIdsRequest, BulkResponse, runBulk } from '../platform/bulk';
import { ApiIdempotent, ApiPage, ApiProblems } from '../platform/openapi.decorators';
import { ApiBulk } from '../platform/route.decorators';
import { DeliveryListQuery, DeliveryResponse } from './dto/delivery.dto';
import { ParseUuid } from '../platform/uuid.pipe';

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

  /** Several failed or dead deliveries sent again, each on its own. */
  @Post('bulk-retry')
  @ApiBulk({
    operationId: 'notificationsBulkRetry',
    summary: 'Retry several deliveries',
    description:
      `Puts each of 1 to ${BULK_MAX_ITEMS} distinct failed or dead deliveries back to pending, each in its own atomic ` +
      'statement with its own audit entry, exactly as `POST /notifications/{id}/retry`. Answers 200 even when some ' +
      'fail (404 unknown, 409 pending or already sent). 400 when the list is empty, too long, repeats an id or holds ' +
      'something other than a UUID.',
  })
  async bulkRetry(@Body() body: BulkIdsRequest, @Req() request: FastifyRequest): Promise<BulkResponse> {
    return runBulk(body.ids, request.headers['accept-language'], (id) => this.deliveries.retry(id));
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
  async retry(@Param('id', ParseUuid) id: string): Promise<DeliveryResponse> {
    return DeliveryResponse.of(await this.deliveries.retry(id));
  }
}
