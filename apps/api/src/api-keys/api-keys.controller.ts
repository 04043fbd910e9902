import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags, ApiOperation } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiKey, ApiKeysService, Principal } from '@ksbb/core';
import { CurrentPrincipal, Roles } from '../platform/auth.decorators';
import { NoIdempotency } from '../platform/idempotency.interceptor';
import { ApiProblems } from '../platform/openapi.decorators';
import { ParseUuid } from '../platform/uuid.pipe';

export class CreateApiKeyRequest {
  @ApiPropertyOptional({ example: 'Production integration' }) @IsOptional() @IsString() @MaxLength(100) name?: string;
}

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '3f9a1c0b2d4e' }) prefix: string;
  @ApiProperty({ example: 'Production integration' }) name: string;
  @ApiProperty({ format: 'uuid' }) aggregatorId: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) lastUsedAt: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) revokedAt: Date | null;

  static of(k: ApiKey): ApiKeyResponse {
    return { id: k.id, prefix: k.prefix, name: k.name, aggregatorId: k.aggregatorId, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt, revokedAt: k.revokedAt };
  }
}

export class IssuedApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'shown once: store it now, it cannot be read again', example: 'ksbb_3f9a1c0b2d4e_…' }) key: string;
  @ApiProperty({ example: '3f9a1c0b2d4e' }) prefix: string;
  @ApiProperty({ example: 'Production integration' }) name: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

@ApiTags('api-keys')
@Controller()
@Roles('admin', 'operator')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post('aggregators/:id/api-keys')
  @NoIdempotency()
  @ApiCreatedResponse({ type: IssuedApiKeyResponse })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'apiKeysIssue',
    summary: 'Issue an API key for an aggregator',
    description: 'The full key is in this answer only: store it now, only its prefix can be read again. The aggregator must exist (404). The key acts as that aggregator (role `aggregator`).',
  })
  issue(
    @Param('id', ParseUuid) aggregatorId: string,
    @Body() body: CreateApiKeyRequest,
    @CurrentPrincipal() p: Principal,
  ): Promise<IssuedApiKeyResponse> {
    return this.keys.issue(aggregatorId, body.name ?? '', p.id);
  }

  @Get('aggregators/:id/api-keys')
  @ApiOkResponse({ type: [ApiKeyResponse] })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'apiKeysList',
    summary: 'List an aggregator’s API keys',
    description: 'Prefixes, names, last use and revocation; never the keys themselves. 404 when the aggregator does not exist.',
  })
  async list(@Param('id', ParseUuid) aggregatorId: string): Promise<ApiKeyResponse[]> {
    return (await this.keys.list(aggregatorId)).map(ApiKeyResponse.of);
  }

  @Delete('api-keys/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'apiKeysRevoke',
    summary: 'Revoke an API key',
    description: 'The key stops working at once (401 on its next use). 404 when the key does not exist.',
  })
  async revoke(@Param('id', ParseUuid) id: string): Promise<void> {
    await this.keys.revoke(id);
  }
}
