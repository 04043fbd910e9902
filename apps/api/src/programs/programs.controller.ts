import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ProgramsService } from '@ksbb/core';
import { Roles, STAFF } from '../platform/auth.decorators';
import { IfMatchVersion } from '../platform/if-match';
import { ApiIdempotent, ApiIfMatch, ApiProblems } from '../platform/openapi.decorators';
import {
  CreatePackageRequest,
  CreateProgramRequest,
  PackageResponse,
  ProgramListQuery,
  ProgramResponse,
  UpdatePackageRequest,
  UpdateProgramRequest,
} from './dto/program.dto';
import { ParseUuid } from '../platform/uuid.pipe';

@ApiTags('programs')
@Controller()
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @Get('programs')
  @Roles()
  @ApiOkResponse({ type: [ProgramResponse] })
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'programsList',
    summary: 'List programs',
    description: 'All programs, filterable by status. 400 on a malformed query.',
  })
  async list(@Query() q: ProgramListQuery): Promise<ProgramResponse[]> {
    return (await this.programs.list(q.status)).map(ProgramResponse.of);
  }

  @Get('programs/:code')
  @Roles()
  @ApiOkResponse({ type: ProgramResponse })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'programsGet',
    summary: 'Get a program',
    description: 'By code, with `ETag: "<version>"`. 404 when unknown.',
  })
  async get(@Param('code') code: string): Promise<ProgramResponse> {
    return ProgramResponse.of(await this.programs.get(code));
  }

  @Post('programs')
  @Roles(...STAFF)
  @ApiIdempotent()
  @ApiCreatedResponse({ type: ProgramResponse })
  @ApiProblems(400, 409)
  @ApiOperation({
    operationId: 'programsCreate',
    summary: 'Create a program',
    description: '400 on an invalid body, 409 when the code is taken.',
  })
  async create(@Body() body: CreateProgramRequest): Promise<ProgramResponse> {
    return ProgramResponse.of(await this.programs.create(body));
  }

  @Patch('programs/:code')
  @Roles(...STAFF)
  @ApiIfMatch()
  @ApiOkResponse({ type: ProgramResponse })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'programsUpdate',
    summary: 'Update a program',
    description: 'Send `If-Match` (412 when stale). 404 when unknown.',
  })
  async update(@Param('code') code: string, @Body() body: UpdateProgramRequest, @IfMatchVersion() version?: number): Promise<ProgramResponse> {
    return ProgramResponse.of(await this.programs.update(code, body, version));
  }

  @Get('programs/:code/packages')
  @Roles()
  @ApiOkResponse({ type: [PackageResponse] })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'programsPackages',
    summary: 'List a program’s packages',
    description: '404 when the program is unknown.',
  })
  async packages(@Param('code') code: string): Promise<PackageResponse[]> {
    return (await this.programs.packages(code)).map(PackageResponse.of);
  }

  @Post('programs/:code/packages')
  @Roles(...STAFF)
  @ApiIdempotent()
  @ApiCreatedResponse({ type: PackageResponse })
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    operationId: 'programsCreatePackage',
    summary: 'Add a package to a program',
    description: '404 when the program is unknown, 409 when the package code is taken.',
  })
  async createPackage(@Param('code') code: string, @Body() body: CreatePackageRequest): Promise<PackageResponse> {
    return PackageResponse.of(await this.programs.createPackage(code, body));
  }

  @Get('packages/:id')
  @Roles()
  @ApiOkResponse({ type: PackageResponse })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'programsGetPackage',
    summary: 'Get a package',
    description: 'With `ETag: "<version>"`. 404 when unknown.',
  })
  async getPackage(@Param('id', ParseUuid) id: string): Promise<PackageResponse> {
    return PackageResponse.of(await this.programs.getPackage(id));
  }

  @Patch('packages/:id')
  @Roles(...STAFF)
  @ApiIfMatch()
  @ApiOkResponse({ type: PackageResponse })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'programsUpdatePackage',
    summary: 'Update a package',
    description: 'Send `If-Match` (412 when stale). 404 when unknown.',
  })
  async updatePackage(
    @Param('id', ParseUuid) id: string,
    @Body() body: UpdatePackageRequest,
    @IfMatchVersion() version?: number,
  ): Promise<PackageResponse> {
    return PackageResponse.of(await this.programs.updatePackage(id, body, version));
  }
}
