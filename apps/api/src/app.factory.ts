import 'reflect-metadata';
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { IncomingHttpHeaders } from 'node:http';
import { AppConfig, PublicService, REDIS } from '@ksbb/core';
import { AppModule } from './app.module';
import { registerAdminSite } from './platform/admin-site';
import { createApiLogger, registerAccessLog } from './platform/logging';
import { AuthGuard } from './platform/auth.guard';
import { markRoutes, registerBodyGuards, registerDocumentParsers, registerJsonParser } from './platform/body-limits';
import { ApiMetrics } from './platform/metrics';
import { clientErrorHandler, frameworkErrors } from './platform/problem.filter';
import { registerRateLimit } from './platform/rate-limit.hook';
import { registerRequestContext } from './platform/request-context.hook';
import { attachRouteInterceptors } from './platform/route-interceptors';
import { registerSecurityHeaders } from './platform/security-headers';
import { corsHeadersWithoutOrigin, registerPublicFastPath } from './reports/public-fast-path';
import { createValidationPipe } from './platform/validation';
import { setupSwagger } from './swagger';

export const API_PREFIX = 'api/v1';
const REQUEST_ID = /^[A-Za-z0-9_.:-]{8,64}$/;

/** The caller's X-Request-Id when it is a plausible id, else a fresh one. */
const requestIdOf = (headers: IncomingHttpHeaders): string => {
  const given = headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
};

/**
 * Builds the fully configured API (used by main, the tests and the OpenAPI export) without listening.
 * `logDestination` receives the JSON log lines instead of stdout (tests read what the API logs).
 */
export async function createApp(
  config: AppConfig,
  opts: { logger?: boolean; logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.TRUST_PROXY,
    bodyLimit: config.JSON_BODY_LIMIT_BYTES,
    // Long path segments reach the route, whose validation answers 400/404, instead of Fastify's bare 414 at 100
    // characters; Node's 16 KB limit on the request line and headers still bounds them.
    routerOptions: { maxParamLength: 16 * 1024 },
    clientErrorHandler,
    frameworkErrors,
    genReqId: (req: { headers: IncomingHttpHeaders }) => requestIdOf(req.headers),
  });
  const logger = createApiLogger(config, opts.logDestination);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, { logger }),
    adapter,
    {
      bufferLogs: true,
      logger: opts.logger === false ? false : undefined,
    },
  );
  if (opts.logger !== false) app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();

  // Errors raised by Fastify itself (bad JSON, body too large) reach Nest's exception handler, hence ProblemFilter.
  // Bodies are bounded per route (only @UploadBody routes above JSON_BODY_LIMIT_BYTES): see platform/body-limits.ts.
  registerDocumentParsers(fastify, config);
  markRoutes(app, config);
  attachRouteInterceptors(app);

  // helmet's headers, computed once (security-headers.ts)
  const securityHeaders = await registerSecurityHeaders(fastify, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // No inline script on any page the API serves (Swagger UI's initialiser is an external file, the built admin
        // has none), so an injected <script> never runs.
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // the public site's base map: the tile server of the admin's VITE_TILE_URL (OpenStreetMap by default)
        imgSrc: ["'self'", 'data:', 'blob:', ...mapTileOrigins(config.MAP_TILE_ORIGINS)],
        // the admin's web app manifest and its service worker (/sw.js), both from its own origin
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  const corsOptions: FastifyCorsOptions = {
    origin: config.ADMIN_ORIGIN.split(',').map((o) => o.trim()),
    credentials: true,
    exposedHeaders: ['ETag', 'Idempotency-Replayed', 'Retry-After', 'X-Request-Id', 'Content-Disposition'],
  };
  await app.register(cors, corsOptions);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 20 } });

  registerRequestContext(fastify);
  registerAccessLog(fastify, logger);
  const limiter = registerRateLimit(fastify, app.get(REDIS), config);
  const metrics = app.get(ApiMetrics);
  metrics.register(fastify);
  registerBodyGuards(fastify, app.get(AuthGuard), config);

  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  setupSwagger(app);
  await registerAdminSite(fastify, config.ADMIN_DIST_DIR);
  await app.init();
  registerJsonParser(fastify, config);
  if (config.PUBLIC_FAST_PATH) {
    // Held public snapshots answered ahead of Fastify, with the same bytes and headers (reports/public-fast-path.ts).
    registerPublicFastPath(fastify, {
      prefix: `/${API_PREFIX}`,
      publicData: app.get(PublicService),
      limiter,
      rateLimit: config.RATE_LIMIT_PER_MINUTE,
      trustProxy: config.TRUST_PROXY,
      securityHeaders,
      corsHeaders: await corsHeadersWithoutOrigin(corsOptions),
      requestId: requestIdOf,
      registry: metrics.registry,
      observe: (route, status, seconds) => metrics.observe('GET', route, status, seconds),
    });
  }
  await fastify.ready();
  return app;
}

/** `MAP_TILE_ORIGINS`: comma-separated origins the pages may load map tiles from (empty: none). */
function mapTileOrigins(value: string): string[] {
  return value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}
