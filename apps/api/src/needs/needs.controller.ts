import {
  Body,
  Controller,
  Get,
  Param,
  Patch,
  Post,
  Query,
  Req,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  NEED_CSV_COLUMN_NOTES,
  NEED_CSV_COLUMNS,
  needCsvTemplate,
  NeedsImportService,
  NeedsService,
  Page,
  Principal,
} from '@ksbb/core';
import { CurrentPrincipal, Roles, STAFF } from '../platform/auth.decorators';
import { IfMatchVersion } from '../platform/if-match';
import { ApiIdempotent, ApiIfMatch, ApiPage, ApiProblems } from '../platform/openapi.decorators';
import { ApiBulk, ApiCsvImport, ApiStateChange, openCsvUpload } from '../platform/route.decorators';
import { ApiFile, fileResponse } from '../platform/file-response';
import { BULK_MAX_ITEMS, BulkIdsRequest, BulkResponse, runBulk } from '../platform/bulk';
import { CreateNeedRequest, NeedImportQuery, NeedListQuery, UpdateNeedRequest } from './dto/need.requests';
import { NeedImportResponse, NeedResponse } from './dto/need.response';
import { ParseUuid } from '../platform/uuid.pipe';


@ApiTags('needs')
@Controller('needs')
export class NeedsController {
  constructor(
    private readonly needs: NeedsService,
    private readonly imports: NeedsImportService,
  ) {}

  @Get()
  @Roles()
  @ApiPage(NeedResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'needsList',
    summary: 'List needs',
    description: 'Paginated and filterable by program, region, status, text and target institution; the contact only where the caller may see it. 400 on a malformed query.',
  })
  async list(
    @Query() q: NeedListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<NeedResponse>> {
    const filter = {
      programCode: q.program,
      packageCode: q.package,
      regionCode: q.region,
      statuses: q.status,
      q: q.q,
      bbox: q.bbox,
      targetInstitutionId: q.targetInstitution,
    };
    const page = await this.needs.list(filter, q, principal);
    return { ...page, data: page.data.map(NeedResponse.of) };
  }

  @Get('import/template')
  @Roles(...STAFF)
  @ApiFile('the CSV template: the header and one example row (UTF-8, CRLF), as an attachment', 'text/csv')
  @ApiOperation({
    operationId: 'needsImportTemplate',
    summary: 'Download the needs import template',
    description:
      'A CSV with every column the import reads and one example row. Columns: ' +
      NEED_CSV_COLUMNS.map((c) => `${c} (${NEED_CSV_COLUMN_NOTES[c]})`).join('; ') +
      '. Columns may come in any order; optional ones may be left out of the header.',
  })
  template(): StreamableFile {
    return fileResponse(Buffer.from(needCsvTemplate(), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      name: 'ksbb-needs-template.csv',
      disposition: 'attachment',
    });
  }

  @Post('import')
  @Roles(...STAFF)
  // Up to IMPORT_BODY_LIMIT_BYTES (about a million rows at the default), streamed into the parser.
  @ApiCsvImport(
    `CSV with a header row, columns in any order: ${NEED_CSV_COLUMNS.join(',')}. ` +
      'programCode, packageCode, regionCode, title, quantity and sourceRef are required in every row. ' +
      'Send it as the body (text/csv) or as the "file" part of a multipart form.',
    NeedImportResponse,
    {
      operationId: 'needsImport',
      summary: 'Import needs from CSV',
      description: 'text/csv, or multipart/form-data with one CSV file. Upserts by (programCode, sourceRef): bad rows are reported by line (with their values, for the rejected rows file), good ones land. With `?dryRun=true` everything is checked and counted but nothing is written (no need, audit entry or event): a preview. 413 when the upload is too large, 415 for another content type.',
    },
  )
  async import(
    @Req() request: FastifyRequest,
    @Query() q: NeedImportQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NeedImportResponse> {
    const upload = await openCsvUpload(request, 'the needs');
    return NeedImportResponse.of(
      await this.imports.import(
        upload.content,
        { publish: q.publish ?? false, dryRun: q.dryRun ?? false },
        principal,
      ),
    );
  }

  @Get(':id')
  @Roles()
  @ApiOkResponse({ type: NeedResponse, description: 'With `ETag: "<version>"`' })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'needsGet',
    summary: 'Get a need',
    description: 'With `ETag: "<version>"`. 404 when it does not exist or is not visible to the caller.',
  })
  async get(
    @Param('id', ParseUuid) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NeedResponse> {
    return NeedResponse.of(await this.needs.get(id, principal));
  }

  @Post()
  @Roles(...STAFF)
  @ApiIdempotent()
  @ApiCreatedResponse({ type: NeedResponse })
  @ApiProblems(400, 409)
  @ApiOperation({
    operationId: 'needsCreate',
    summary: 'Create a need',
    description: 'The need starts as `draft`. 400 on an invalid body or an unknown program, package or region (per-field `errors`); 409 when the program already has a need with that `sourceRef`.',
  })
  async create(
    @Body() body: CreateNeedRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NeedResponse> {
    return NeedResponse.of(await this.needs.create(body, principal));
  }

  @Patch(':id')
  @Roles(...STAFF)
  @ApiIfMatch()
  @ApiOkResponse({ type: NeedResponse })
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    operationId: 'needsUpdate',
    summary: 'Update a need',
    description: 'The quantity may not drop below what is allocated (409). Send `If-Match` (412 when stale).',
  })
  async update(
    @Param('id', ParseUuid) id: string,
    @Body() body: UpdateNeedRequest,
    @CurrentPrincipal() principal: Principal,
    @IfMatchVersion() version?: number,
  ): Promise<NeedResponse> {
    return NeedResponse.of(await this.needs.update(id, body, principal, version));
  }

  @Post('bulk-publish')
  @Roles(...STAFF)
  @ApiBulk({
    operationId: 'needsBulkPublish',
    summary: 'Publish several draft needs',
    description:
      `draft → open for each of 1 to ${BULK_MAX_ITEMS} distinct needs, each in its own transaction with its own ` +
      '`need.published` audit entry, exactly as `POST /needs/{id}/publish` (without If-Match). Answers 200 even when ' +
      'some fail: each result says ok, or the status, code and detail the single route would have answered (404 ' +
      'unknown, 409 not a draft or the program not open). 400 when the list is empty, too long, repeats an id or ' +
      'holds something other than a UUID.',
  })
  async bulkPublish(
    @Body() body: BulkIdsRequest,
    @Req() request: FastifyRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<BulkResponse> {
    return runBulk(body.ids, request.headers['accept-language'], (id) => this.needs.publish(id, principal));
  }

  @Post(':id/publish')
  @Roles(...STAFF)
  @ApiStateChange({ type: NeedResponse }, {
    operationId: 'needsPublish',
    summary: 'Publish a need',
    description: 'draft → open, only in an open program (409 otherwise). Send `If-Match` (412 when stale).',
  })
  @ApiIfMatch()
  async publish(
    @Param('id', ParseUuid) id: string,
    @CurrentPrincipal() principal: Principal,
    @IfMatchVersion() version?: number,
  ): Promise<NeedResponse> {
    return NeedResponse.of(await this.needs.publish(id, principal, version));
  }

  @Post(':id/close')
  @Roles(...STAFF)
  @ApiStateChange({ type: NeedResponse }, {
    operationId: 'needsClose',
    summary: 'Close a need',
    description: 'open or fully_allocated → closed; claims already made stay. 409 from another status, 412 on a stale `If-Match`.',
  })
  @ApiIfMatch()
  async close(
    @Param('id', ParseUuid) id: string,
    @CurrentPrincipal() principal: Principal,
    @IfMatchVersion() version?: number,
  ): Promise<NeedResponse> {
    return NeedResponse.of(await this.needs.close(id, principal, version));
  }

  @Post(':id/cancel')
  @Roles(...STAFF)
  @ApiStateChange({ type: NeedResponse }, {
    operationId: 'needsCancel',
    summary: 'Cancel a need',
    description: 'draft, open or fully_allocated → cancelled; 409 while allocations are active. 412 on a stale `If-Match`.',
  })
  @ApiIfMatch()
  async cancel(
    @Param('id', ParseUuid) id: string,
    @CurrentPrincipal() principal: Principal,
    @IfMatchVersion() version?: number,
  ): Promise<NeedResponse> {
    return NeedResponse.of(await this.needs.cancel(id, principal, version));
  }
}
