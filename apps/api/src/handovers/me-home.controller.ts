import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HomeService, Principal } from '@ksbb/core';
import { CurrentPrincipal, Roles } from '../platform/auth.decorators';
import { HomeResponse } from './dto/home.dto';

/** The home page of a donor or an aggregator: one read of its own organisation's work. */
@ApiTags('handovers')
@Controller('me/home')
export class MeHomeController {
  constructor(private readonly home: HomeService) {}

  @Get()
  @Roles('collaborator', 'aggregator')
  @ApiOkResponse({ type: HomeResponse })
  @ApiOperation({
    operationId: 'meHome',
    summary: 'My home page',
    description:
      'For a collaborator (donor) or an aggregator, its own organisation only: open claims soonest due first (with ' +
      'whether a handover naming them awaits verification), items of rejected handovers still to hand over again, ' +
      'and each commitment’s pledged, claimed and delivered quantities. 403 for every other role.',
  })
  async get(@CurrentPrincipal() p: Principal): Promise<HomeResponse> {
    return HomeResponse.of(await this.home.of(p));
  }
}
