import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiProduces,
  ApiResponse,
  ApiTags,
  getSchemaPath,
  ApiOperation,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicService } from '@ksbb/core';
import { Public } from '../platform/auth.decorators';
import { ApiPage, ApiProblems } from '../platform/openapi.decorators';
import {
  MapResponse,
  PublicMapQuery,
  PublicNeedResponse,
  PublicNeedsQueryDto,
  PublicProgramQuery,
  PublicScorecardResponse,
  PublicStatsResponse,
} from './dto/public.dto';
import { ApiCacheable, sendSnapshot } from './public-response';

/**
 * What anyone may see without logging in: headline numbers, open needs, the needs map and the collaborator
 * scorecard. Never a contact, email, phone, NIK or private person's name. Cacheable for 30 s, with ETags.
 */
@ApiTags('public')
@Controller('public')
@Public()
export class PublicController {
  constructor(private readonly publicData: PublicService) {}

  @Get('stats')
  @ApiOkResponse({ type: PublicStatsResponse })
  @ApiCacheable()
  @ApiOperation({
    operationId: 'publicStats',
    summary: 'Get headline numbers',
    description: 'Totals per program, cacheable for 30 s; send `If-None-Match` with the ETag you hold to get 304.',
  })
  async stats(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    sendSnapshot(req, reply, await this.publicData.stats());
  }

  @Get('needs')
  @ApiPage(PublicNeedResponse)
  @ApiCacheable()
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'publicNeeds',
    summary: 'List open needs publicly',
    description: 'Published needs without contact data, paginated; ETag/304 as for stats. 400 on a malformed query.',
  })
  async needs(
    @Query() q: PublicNeedsQueryDto,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const snapshot = await this.publicData.needs({
      programCode: q.program,
      regionCode: q.region,
      page: q.page,
      limit: q.limit,
    });
    sendSnapshot(req, reply, snapshot);
  }

  @Get('needs/map')
  @ApiExtraModels(MapResponse)
  @ApiProduces('application/geo+json')
  @ApiResponse({
    status: 200,
    description: 'a GeoJSON FeatureCollection, one feature per district, village or RW with published needs',
    content: { 'application/geo+json': { schema: { $ref: getSchemaPath(MapResponse) } } },
  })
  @ApiCacheable()
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'publicMap',
    summary: 'Get the needs map (GeoJSON)',
    description: 'One feature per kecamatan, kelurahan or RW (`level`) with published needs, counts only, from the rollups; `region` narrows it to the regions within one. ETag/304. 400 on a malformed query.',
  })
  async map(
    @Query() q: PublicMapQuery,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendSnapshot(
      req,
      reply,
      await this.publicData.map(q.level ?? 'district', q.program, q.region),
      'application/geo+json; charset=utf-8',
    );
  }

  @Get('scorecard')
  @ApiOkResponse({ type: PublicScorecardResponse })
  @ApiCacheable()
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'publicScorecard',
    summary: 'Get the collaborator scorecard',
    description: 'Commitments and deliveries per collaborator; private individuals are anonymous. ETag/304. 400 on a malformed query.',
  })
  async scorecard(
    @Query() q: PublicProgramQuery,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendSnapshot(req, reply, await this.publicData.scorecard(q.program));
  }
}
