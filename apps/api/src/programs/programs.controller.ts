import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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

@ApiTags('programs')
@Controller()
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @Get('programs')
  @Roles()
  @ApiOkResponse({ type: [ProgramResponse] })
  @ApiProblems(400)
  async list(@Query() q: ProgramListQuery): Promise<ProgramResponse[]> {
    return (await this.programs.list(q.status)).map(ProgramResponse.of);
  }

  @Get('programs/:code')
  @Roles()
  @ApiOkResponse({ type: ProgramResponse })
  @ApiProblems(400, 404)
  async get(@Param('code') code: string): Promise<ProgramResponse> {
    return ProgramResponse.of(await this.programs.get(code));
  }

  @Post('programs')
  @Roles(...STAFF)
  @ApiIdempotent()
  @ApiCreatedResponse({ type: ProgramResponse })
  @ApiProblems(400, 409)
  async create(@Body() body: CreateProgramRequest): Promise<ProgramResponse> {
    return ProgramResponse.of(await this.programs.create(body));
  }

  @Patch('programs/:code')
  @Roles(...STAFF)
  @ApiIfMatch()
  @ApiOkResponse({ type: ProgramResponse })
  @ApiProblems(400, 404)
  async update(@Param('code') code: string, @Body() body: UpdateProgramRequest, @IfMatchVersion() version?: number): Promise<ProgramResponse> {
    return ProgramResponse.of(await this.programs.update(code, body, version));
  }

  @Get('programs/:code/packages')
  @Roles()
  @ApiOkResponse({ type: [PackageResponse] })
  @ApiProblems(400, 404)
  async packages(@Param('code') code: string): Promise<PackageResponse[]> {
    return (await this.programs.packages(code)).map(PackageResponse.of);
  }

  @Post('programs/:code/packages')
  @Roles(...STAFF)
  @ApiIdempotent()
  @ApiCreatedResponse({ type: PackageResponse })
  @ApiProblems(400, 404, 409)
  async createPackage(@Param('code') code: string, @Body() body: CreatePackageRequest): Promise<PackageResponse> {
    return PackageResponse.of(await this.programs.createPackage(code, body));
  }

  @Get('packages/:id')
  @Roles()
  @ApiOkResponse({ type: PackageResponse })
  @ApiProblems(400, 404)
  async getPackage(@Param('id', ParseUUIDPipe) id: string): Promise<PackageResponse> {
    return PackageResponse.of(await this.programs.getPackage(id));
  }

  @Patch('packages/:id')
  @Roles(...STAFF)
  @ApiIfMatch()
  @ApiOkResponse({ type: PackageResponse })
  @ApiProblems(400, 404)
  async updatePackage(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdatePackageRequest,
    @IfMatchVersion() version?: number,
  ): Promise<PackageResponse> {
    return PackageResponse.of(await this.programs.updatePackage(id, body, version));
  }
}
