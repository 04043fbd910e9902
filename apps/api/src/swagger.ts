import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { sortKeysDeep } from '@ksbb/core';
import { FieldErrorDto, PageMetaDto, ProblemDto, problemResponse } from './platform/openapi.decorators';

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('KSBB API')
    .setDescription(
      'Kolaborasi Sosial Berskala Besar: needs published by the Jakarta government, commitments signed by donors, ' +
        'claims that never overlap, and signed handover records (BAST). Errors are application/problem+json (RFC 9457).',
    )
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'aggregator systems' },
      'apiKey',
    )
    .build();
  const doc = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDto, FieldErrorDto, PageMetaDto],
    operationIdFactory: (controllerKey, methodKey) =>
      `${lowerFirst(controllerKey.replace(/Controller$/, ''))}${upperFirst(methodKey)}`,
  });
  documentBodyProblems(doc);
  // Sorted keys make the exported document byte-for-byte reproducible.
  return sortKeysDeep(doc);
}

/**
 * Fastify parses a request body before any handler runs: on every route that takes one, a body that is not valid
 * JSON (or nested deeper than JSON_MAX_DEPTH) is a 400, one over the route's limit a 413 and a content type it has no
 * parser for a 415. Documented here once rather than on each route.
 */
function documentBodyProblems(doc: OpenAPIObject): void {
  for (const item of Object.values(doc.paths)) {
    for (const op of [item.post, item.put, item.patch, item.delete]) {
      if (!op?.requestBody) continue;
      for (const status of [400, 413, 415]) op.responses[String(status)] ??= problemResponse(status);
    }
  }
}

export function setupSwagger(app: INestApplication): void {
  const doc = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, doc, {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
    swaggerOptions: { persistAuthorization: true },
  });
}
