import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { FieldErrorDto, PageMetaDto, ProblemDto } from './platform/openapi.decorators';

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Sorts object keys recursively so the exported document is byte-for-byte reproducible. */
export function sortDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortDeep((value as Record<string, unknown>)[k])]),
    ) as T;
  }
  return value;
}

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('KSBB API')
    .setDescription(
      'Kolaborasi Sosial Berskala Besar: needs published by the Jakarta government, commitments signed by donors, ' +
        'claims that never overlap, and signed handover records (BAST). Errors are application/problem+json (RFC 9457).',
    )
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'aggregator systems' }, 'apiKey')
    .build();
  const doc = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDto, FieldErrorDto, PageMetaDto],
    operationIdFactory: (controllerKey, methodKey) => `${lowerFirst(controllerKey.replace(/Controller$/, ''))}${upperFirst(methodKey)}`,
  });
  return sortDeep(doc);
}

export function setupSwagger(app: INestApplication): void {
  const doc = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, doc, {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
    swaggerOptions: { persistAuthorization: true },
  });
}
