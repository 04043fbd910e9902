import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Page, Principal, WebhooksService } from '@ksbb/core';
import { CurrentPrincipal, Roles } from '../platform/auth.decorators';
import { NoIdempotency } from '../platform/idempotency.interceptor';
import { ApiIdempotent, ApiPage, ApiProblems } from '../platform/openapi.decorators';
import { PageQueryDto } from '../platform/pagination.dto';
import { DeliveryResponse } from '../notifications/dto/delivery.dto';
import {
  CreatedWebhookResponse,
  CreateWebhookRequest,
  WebhookDeliveryResponse,
  WebhookResponse,
} from './dto/webhook.dto';
import { ParseUuid } from '../platform/uuid.pipe';

/** Event subscriptions of partner systems: an aggregator's own, or operator-owned ones. */
@ApiTags('webhooks')
@Controller('webhooks')
@Roles('aggregator', 'admin', 'operator')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @NoIdempotency()
  @ApiCreatedResponse({ type: CreatedWebhookResponse, description: 'the secret is shown only here' })
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'webhooksCreate',
    summary: 'Subscribe a webhook',
    description: 'The URL must be public HTTPS (400 otherwise). The signing secret is in this answer only. An aggregator’s webhook receives its own events; an operator’s, all.',
  })
  async create(
    @Body() body: CreateWebhookRequest,
    @CurrentPrincipal() p: Principal,
  ): Promise<CreatedWebhookResponse> {
    return CreatedWebhookResponse.withSecret(await this.webhooks.create(p, body));
  }

  @Get()
  @ApiPage(WebhookResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'webhooksList',
    summary: 'List webhooks',
    description: 'The caller’s own (an aggregator’s), or all for officers; paginated. 400 on a malformed query.',
  })
  async list(@Query() q: PageQueryDto, @CurrentPrincipal() p: Principal): Promise<Page<WebhookResponse>> {
    const page = await this.webhooks.list(p, q);
    return { ...page, data: page.data.map(WebhookResponse.of) };
  }

  @Get(':id/deliveries')
  @ApiPage(WebhookDeliveryResponse)
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'webhooksDeliveries',
    summary: 'List a webhook’s deliveries',
    description: 'With status and attempt log. 404 when the webhook is not the caller’s.',
  })
  async deliveries(
    @Param('id', ParseUuid) id: string,
    @Query() q: PageQueryDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<Page<WebhookDeliveryResponse>> {
    const page = await this.webhooks.deliveries(p, id, q);
    return { ...page, data: page.data.map(WebhookDeliveryResponse.of) };
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(200)
  @ApiIdempotent()
  @ApiOkResponse({ type: DeliveryResponse, description: 'the delivery, pending again' })
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    operationId: 'webhooksRetry',
    summary: 'Retry a webhook delivery',
    description: 'Puts a failed or dead delivery back to pending. 409 when pending or sent, 404 when not the caller’s.',
  })
  async retry(
    @Param('id', ParseUuid) id: string,
    @Param('deliveryId', ParseUuid) deliveryId: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<DeliveryResponse> {
    return DeliveryResponse.of(await this.webhooks.retry(p, id, deliveryId));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; its unsent deliveries are given up' })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'webhooksRemove',
    summary: 'Delete a webhook',
    description: 'Its unsent deliveries are given up. 404 when not the caller’s.',
  })
  async remove(@Param('id', ParseUuid) id: string, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.webhooks.remove(p, id);
  }
}
