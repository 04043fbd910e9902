import { Body, Controller, Get, Param, Post, Put, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  CONTENT_TYPES,
  csvField,
  INSTITUTION_CSV_COLUMNS,
  InstitutionsService,
  Page,
  Principal,
  reportXlsx,
} from '@ksbb/core';
import { CurrentPrincipal, INTERNAL, Public, Roles, STAFF } from '../platform/auth.decorators';
import { fileResponse } from '../platform/file-response';
import { IfMatchVersion } from '../platform/if-match';
import { ApiIdempotent, ApiIfMatch, ApiPage, ApiProblems } from '../platform/openapi.decorators';
import { ApiCsvImport, openCsvUpload } from '../platform/route.decorators';
import {
  InstitutionImportResponse,
  InstitutionListQuery,
  InstitutionRequest,
  InstitutionResponse,
  InstitutionsReachedResponse,
  TargetReportQuery,
  TargetReportResponse,
} from './dto/institution.dto';
import { TARGET_COLUMNS, TARGET_KINDS, targetReportDocument } from './target-report-files';
import { ParseUuid } from '../platform/uuid.pipe';

@ApiTags('institutions')
@Controller()
export class InstitutionsController {
  constructor(private readonly institutions: InstitutionsService) {}

  @Get('institutions')
  @Roles()
  @ApiPage(InstitutionResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'institutionsList',
    summary: 'Search institutions',
    description:
      'Schools, MSMEs and vendor sites, paginated: by name (part of it), exact NPSN / NIB / site code, kind, region ' +
      '(and everything under it) and Jakpreneur membership. Any signed-in caller. 400 on a malformed query.',
  })
  async list(@Query() q: InstitutionListQuery): Promise<Page<InstitutionResponse>> {
    const page = await this.institutions.list(
      { q: q.q, kind: q.kind, regionCode: q.region, jakpreneurMember: q.jakpreneurMember },
      q,
    );
    return { ...page, data: page.data.map(InstitutionResponse.of) };
  }

  @Post('institutions')
  @Roles(...STAFF)
  @ApiIdempotent()
  @ApiCreatedResponse({ type: InstitutionResponse })
  @ApiProblems(400, 409)
  @ApiOperation({
    operationId: 'institutionsCreate',
    summary: 'Add an institution',
    description:
      'A school (NPSN, 8 digits, and level), an MSME (NIB, 13 digits; Jakpreneur member or not) or a vendor site ' +
      '(Loksem code), in a kelurahan or RW of Jakarta. 400 with per-field codes; 409 `institution_ref_taken`.',
  })
  async create(@Body() body: InstitutionRequest, @CurrentPrincipal() principal: Principal): Promise<InstitutionResponse> {
    return InstitutionResponse.of(await this.institutions.create(body, principal));
  }

  @Post('institutions/import')
  @Roles(...STAFF)
  @ApiCsvImport(
    `CSV with a header row, columns in any order: ${INSTITUTION_CSV_COLUMNS.join(',')}. kind, name and regionCode ` +
      'are required, and the id of the kind (npsn, nib or siteCode). Upserts by (kind, id).',
    InstitutionImportResponse,
    {
      operationId: 'institutionsImport',
      summary: 'Import institutions from CSV',
      description:
        'text/csv, or multipart/form-data with one CSV file, streamed into a staging table and checked in one statement: ' +
        'bad rows are reported by line, good ones land. 413 when too large, 415 for another content type.',
    },
  )
  async import(@Req() request: FastifyRequest, @CurrentPrincipal() principal: Principal): Promise<InstitutionImportResponse> {
    const upload = await openCsvUpload(request, 'the institutions');
    return InstitutionImportResponse.of(await this.institutions.import(upload.content, principal));
  }

  @Get('institutions/:id')
  @Roles()
  @ApiOkResponse({ type: InstitutionResponse })
  @ApiProblems(400, 404)
  @ApiOperation({ operationId: 'institutionsGet', summary: 'Get an institution', description: 'Any signed-in caller. 404 when there is none.' })
  async get(@Param('id', ParseUuid) id: string): Promise<InstitutionResponse> {
    return InstitutionResponse.of(await this.institutions.get(id));
  }

  @Put('institutions/:id')
  @Roles(...STAFF)
  @ApiIfMatch()
  @ApiOkResponse({ type: InstitutionResponse })
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    operationId: 'institutionsUpdate',
    summary: 'Correct an institution',
    description:
      'Replaces its fields (the kind cannot change). Open needs that target it follow a new region. 400 with per-field ' +
      'codes, 404, 409 `institution_ref_taken`, 412 on a stale `If-Match`.',
  })
  async update(
    @Param('id', ParseUuid) id: string,
    @Body() body: InstitutionRequest,
    @IfMatchVersion() version?: number,
  ): Promise<InstitutionResponse> {
    return InstitutionResponse.of(await this.institutions.update(id, body, version));
  }

  @Get('reports/by-target')
  @Roles(...INTERNAL)
  @ApiExtraModels(TargetReportResponse)
  @ApiProduces('application/json', 'text/csv', CONTENT_TYPES.xlsx)
  @ApiResponse({
    status: 200,
    description: 'JSON; with `?format=csv` a CSV download, with `?format=xlsx` a workbook (figures and an info sheet)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(TargetReportResponse) } },
      'text/csv': { schema: { type: 'string' } },
      [CONTENT_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'reportsByTarget',
    summary: 'Coverage and delivery by target kind',
    description:
      'Per institution kind (schools, MSMEs, vendor sites): how many are on record, targeted by a published need and ' +
      'reached by a verified delivery, with the needs\' quantities needed, claimed and delivered. `?program=` for one ' +
      'program; `?format=csv|xlsx` (`?lang=en` for English headers) for a download. 400 on a malformed query.',
  })
  async byTarget(@Query() q: TargetReportQuery): Promise<TargetReportResponse | StreamableFile> {
    const rows = await this.institutions.byTarget(q.program);
    if (q.format !== 'csv' && q.format !== 'xlsx') return { programCode: q.program ?? null, rows };
    const lang = q.lang === 'en' ? 'en' : 'id';
    const name = `sasaran-${q.program ?? 'semua'}.${q.format}`;
    if (q.format === 'xlsx') {
      const body = await reportXlsx(targetReportDocument(rows, q.program, lang), lang);
      return fileResponse(body, { type: CONTENT_TYPES.xlsx, name, disposition: 'attachment' });
    }
    const lines = [
      TARGET_COLUMNS.map((c) => c.header[lang]),
      ...rows.map((r) => [TARGET_KINDS[r.kind][lang], r.registered, r.targeted, r.reached, r.needs, r.quantity, r.allocated, r.delivered]),
    ].map((cells) => cells.map((c) => csvField(c, true)).join(','));
    const body = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
    return fileResponse(body, { type: 'text/csv; charset=utf-8', name, disposition: 'attachment' });
  }

  @Get('public/institutions-reached')
  @Public()
  @ApiOkResponse({ type: InstitutionsReachedResponse })
  @ApiOperation({
    operationId: 'publicInstitutionsReached',
    summary: 'How many schools, MSMEs and vendor sites aid reached',
    description:
      'Counts only, per kind: institutions targeted by a published need, and those delivered to. No names of ' +
      'private persons (institutions are organisations; even their names are not listed here).',
  })
  async reached(): Promise<InstitutionsReachedResponse> {
    return InstitutionsReachedResponse.of(await this.institutions.reached());
  }
}
