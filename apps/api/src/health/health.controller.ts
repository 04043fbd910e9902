import { Controller, Get, Header, Headers, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import {
  APP_CONFIG,
  AppConfig,
  DatabaseHealth,
  metricsAccess,
  NotFoundError,
  REDIS,
  UnauthenticatedError,
} from '@ksbb/core';
import { Public } from '../platform/auth.decorators';
import { ApiMetrics } from '../platform/metrics';
import { ApiProblems } from '../platform/openapi.decorators';

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'], example: 'ok' }) status: 'ok' | 'error';
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', enum: ['up', 'down'] }, example: { database: 'up', redis: 'up' } })
  checks: Record<string, 'up' | 'down'>;
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

@ApiTags('health')
@Controller()
@Public()
@ApiProblems(431)
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly metrics: ApiMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('health/live')
  @ApiOkResponse({ type: HealthResponse, description: 'The process is up' })
  @ApiOperation({
    operationId: 'healthLive',
    summary: 'Check that the process is up',
    description: 'For liveness probes; never rate limited. Like every route, 431 when the request line and headers exceed 16 KB.',
  })
  live(): HealthResponse {
    return { status: 'ok', checks: {} };
  }

  @Get('health/ready')
  @ApiOkResponse({ type: HealthResponse, description: 'Database and Redis answer' })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'A dependency is down' })
  @ApiOperation({
    operationId: 'healthReady',
    summary: 'Check that the database and Redis answer',
    description: 'For readiness probes; 503 with the failing check when a dependency is down.',
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const [database, redis] = await Promise.all([
      withTimeout(this.database.ping(), 2000).then(() => 'up' as const, () => 'down' as const),
      withTimeout(this.redis.ping(), 1000).then(() => 'up' as const, () => 'down' as const),
    ]);
    const ok = database === 'up' && redis === 'up';
    reply.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'error', checks: { database, redis } };
  }

  /**
   * Prometheus text exposition, for the scraper only: `Authorization: Bearer <METRICS_TOKEN>`; off (404) while
   * METRICS_TOKEN is unset. Not part of the API document (no API client calls it).
   */
  @Get('metrics')
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    operationId: 'healthMetricsText',
    summary: 'Export Prometheus metrics',
    description: 'Prometheus text exposition of request and queue metrics, for the scraper only: `Authorization: Bearer <METRICS_TOKEN>`; off (404) while METRICS_TOKEN is unset.',
  })
  metricsText(@Headers('authorization') authorization: string | undefined): Promise<string> {
    const access = metricsAccess(authorization, this.config.METRICS_TOKEN);
    if (access === 'off') throw new NotFoundError('/metrics');
    if (access === 'refused') throw new UnauthenticatedError('/metrics requires Authorization: Bearer <METRICS_TOKEN>');
    return this.metrics.registry.metrics();
  }
}
