import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { NEED_FLAG_STATUSES, NeedFlagStatus, NeedFlagsService, NeedFlagView, Page, Principal } from '@ksbb/core';
import { CurrentPrincipal, INTERNAL, Roles, STAFF } from '../platform/auth.decorators';
import { ApiIdempotent, ApiPage, ApiProblems } from '../platform/openapi.decorators';
import { PageQueryDto } from '../platform/pagination.dto';
import { ParseUuid } from '../platform/uuid.pipe';

const NOT_BLANK = /\S/;

export class FlagNeedRequest {
  @ApiProperty({ example: 'Sekolah ini sudah menerima tablet dari program lain bulan lalu', minLength: 1, maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason: string;
}

export class ResolveNeedFlagRequest {
  @ApiProperty({ example: 'Kebutuhan dikoreksi: jumlah diturunkan menjadi 20', minLength: 1, maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  @Matches(NOT_BLANK, { message: 'resolution must not be blank' })
  resolution: string;
}

export class NeedFlagListQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: NEED_FLAG_STATUSES, example: 'open' }) @IsOptional() @IsIn(NEED_FLAG_STATUSES) status?: NeedFlagStatus;
  @ApiPropertyOptional({ format: 'uuid', example: '0e7c1f7a-3a55-4d6b-9a53-2f1f0d2c4b11' }) @IsOptional() @IsUUID() needId?: string;
}

export class NeedFlagResponse {
  @ApiProperty({ format: 'uuid', example: '3d0f3c8e-1f7b-4f0e-a7a4-54b5d2b7c9a1' }) id: string;
  @ApiProperty({ format: 'uuid', example: '0e7c1f7a-3a55-4d6b-9a53-2f1f0d2c4b11' }) needId: string;
  @ApiProperty({ example: 'Tablet untuk 30 siswa SDN Gambir 01' }) needTitle: string;
  @ApiProperty({ example: '31.71.01.1001.RW01' }) regionCode: string;
  @ApiProperty({ example: '31.71.01.1001' }) kelurahanCode: string;
  @ApiProperty({ example: 'Sekolah ini sudah menerima tablet dari program lain bulan lalu' }) reason: string;
  @ApiProperty({ enum: NEED_FLAG_STATUSES, example: 'open' }) status: string;
  @ApiProperty({ format: 'uuid', example: '5a1c3e2d-7b4f-4c8a-9e0d-1f2a3b4c5d6e' }) flaggedBy: string;
  @ApiProperty({ example: 'Petugas Kelurahan Gambir' }) flaggedByName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) resolvedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) resolvedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, example: null }) resolution: string | null;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-03-02T03:15:00.000Z' }) createdAt: Date;

  static of(f: NeedFlagView): NeedFlagResponse {
    return { ...f };
  }
}

@ApiTags('needs')
@Controller()
export class NeedFlagsController {
  constructor(private readonly flags: NeedFlagsService) {}

  @Post('needs/:id/flags')
  @Roles('kelurahan')
  @ApiIdempotent()
  @ApiCreatedResponse({ type: NeedFlagResponse })
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    operationId: 'needsFlag',
    summary: 'Flag a need of your kelurahan as wrong',
    description:
      'A kelurahan officer reports, with a reason, that a need of their area is wrong, for an operator to act on. ' +
      '404 for a need outside the area (or a draft); 409 `need_flag_open` while the officer already has an open flag on it.',
  })
  async flag(
    @Param('id', ParseUuid) id: string,
    @Body() body: FlagNeedRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NeedFlagResponse> {
    return NeedFlagResponse.of(await this.flags.flag(id, body.reason, principal));
  }

  @Get('need-flags')
  @Roles(...INTERNAL, 'kelurahan')
  @ApiPage(NeedFlagResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'needFlagsList',
    summary: 'List flags on needs',
    description: 'Newest first. Staff see every flag; a kelurahan officer those of their kelurahan. 400 on a malformed query.',
  })
  async list(@Query() q: NeedFlagListQuery, @CurrentPrincipal() principal: Principal): Promise<Page<NeedFlagResponse>> {
    const page = await this.flags.list(principal, { status: q.status, needId: q.needId }, q);
    return { ...page, data: page.data.map(NeedFlagResponse.of) };
  }

  @Post('need-flags/:id/resolve')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiIdempotent()
  @ApiOkResponse({ type: NeedFlagResponse })
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    operationId: 'needFlagsResolve',
    summary: 'Resolve a flag on a need',
    description: 'open → resolved, with what was done. 404 when there is no such flag; 409 `need_flag_resolved` when it was already resolved.',
  })
  async resolve(
    @Param('id', ParseUuid) id: string,
    @Body() body: ResolveNeedFlagRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NeedFlagResponse> {
    return NeedFlagResponse.of(await this.flags.resolve(id, body.resolution, principal));
  }
}
