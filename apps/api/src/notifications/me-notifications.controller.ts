import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { InAppNotificationsService, Page, Principal } from '@ksbb/core';
import { CurrentPrincipal, Roles } from '../platform/auth.decorators';
import { ApiIdempotent, ApiPage, ApiProblems } from '../platform/openapi.decorators';
import {
  InAppNotificationResponse,
  MyNotificationsQuery,
  ReadAllResponse,
} from './dto/in-app-notification.dto';
import { ParseUuid } from '../platform/uuid.pipe';

/** The caller's own in-app notifications (user accounts; an API key has none). */
@ApiTags('notifications')
@Controller('me/notifications')
@Roles()
export class MeNotificationsController {
  constructor(private readonly notifications: InAppNotificationsService) {}

  @Get()
  @ApiPage(InAppNotificationResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'meNotificationsList',
    summary: 'List my in-app notifications',
    description: 'The caller’s inbox, newest first, paginated; `unread=true` for unread only. 400 on a malformed query.',
  })
  async list(
    @Query() q: MyNotificationsQuery,
    @CurrentPrincipal() p: Principal,
  ): Promise<Page<InAppNotificationResponse>> {
    const page = await this.notifications.listMine(p, q.unread, q);
    return { ...page, data: page.data.map(InAppNotificationResponse.of) };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiIdempotent()
  @ApiOkResponse({ type: ReadAllResponse })
  @ApiOperation({
    operationId: 'meNotificationsReadAll',
    summary: 'Mark all my notifications read',
    description: 'Returns how many were marked.',
  })
  async readAll(@CurrentPrincipal() p: Principal): Promise<ReadAllResponse> {
    return this.notifications.markAllRead(p);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiIdempotent()
  @ApiOkResponse({ type: InAppNotificationResponse })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'meNotificationsRead',
    summary: 'Mark one notification read',
    description: '404 when it is not the caller’s.',
  })
  async read(
    @Param('id', ParseUuid) id: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<InAppNotificationResponse> {
    return InAppNotificationResponse.of(await this.notifications.markRead(p, id));
  }
}
