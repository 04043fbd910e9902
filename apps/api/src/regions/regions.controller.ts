import { Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Page, RegionsService, UnsupportedMediaTypeError } from '@ksbb/core';
import { Roles } from '../platform/auth.decorators';
import { ApiIdempotent, ApiPage, ApiProblems } from '../platform/openapi.decorators';
import { UploadBody } from '../platform/body-limits';
import { readUpload } from '../platform/upload';
import { RegionDetailResponse, RegionImportResponse, RegionListQuery, RegionResponse } from './dto/region.dto';

const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

@ApiTags('regions')
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Get()
  @Roles()
  @ApiPage(RegionResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'regionsList',
    summary: 'List regions',
    description:
      'Paginated, filterable by level, parent (its children), name or code start (`q`), and a batch of codes (`codes`, to show names for codes). 400 on a malformed query.',
  })
  list(@Query() q: RegionListQuery): Promise<Page<RegionResponse>> {
    return this.regions.list({ level: q.level, parentCode: q.parentCode, q: q.q, codes: q.codes }, q);
  }

  @Get(':code')
  @Roles()
  @ApiOkResponse({ type: RegionDetailResponse })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'regionsGet',
    summary: 'Get a region',
    description: 'By code, with its boundary and children. 404 when unknown.',
  })
  get(@Param('code') code: string): Promise<RegionDetailResponse> {
    return this.regions.get(code);
  }

  @Post('import')
  @Roles('admin')
  // Parsed whole (GeoJSON cannot be streamed into the importer), hence its own lower ceiling.
  @UploadBody({ maxBytes: MAX_IMPORT_BYTES })
  @ApiIdempotent()
  @ApiConsumes('text/csv', 'application/geo+json', 'multipart/form-data')
  @ApiBody({
    description: 'CSV with columns code,level,parent_code,name,lon,lat — or a GeoJSON FeatureCollection whose features carry code, level, parentCode and name, with Point or (Multi)Polygon geometry',
    schema: { type: 'string' },
  })
  @ApiCreatedResponse({ type: RegionImportResponse })
  @ApiProblems(400, 413, 415)
  @ApiOperation({
    operationId: 'regionsImport',
    summary: 'Import regions',
    description: 'CSV or GeoJSON; existing codes are updated. 400 with per-line errors, 413 when too large, 415 for another content type.',
  })
  async import(@Req() request: FastifyRequest): Promise<RegionImportResponse> {
    const upload = await readUpload(request, request.routeOptions.bodyLimit);
    const text = upload.content.toString('utf8');
    const isGeo = upload.mimetype.includes('json') || /\.(geo)?json$/i.test(upload.filename ?? '');
    const isCsv = upload.mimetype.includes('csv') || /\.csv$/i.test(upload.filename ?? '') || upload.mimetype === 'text/plain';
    if (!isGeo && !isCsv) throw new UnsupportedMediaTypeError('send text/csv or application/geo+json');
    return this.regions.import(text, isGeo ? 'geojson' : 'csv');
  }
}
