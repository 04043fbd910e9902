import { INestApplication, Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DECORATORS, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Role, sortKeysDeep } from '@ksbb/core';
import { IS_PUBLIC, ROLES } from './platform/auth.decorators';
import { FieldErrorDto, PageMetaDto, ProblemDto, problemResponse } from './platform/openapi.decorators';
import { RATE_LIMIT_EXEMPT } from './platform/rate-limit.hook';

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The tags (one per concern) with what an integrator finds under each. */
export const API_TAGS: Record<string, string> = {
  auth: 'Sign in, refresh and sign out (JWT for people), self-registration of collaborators, and who the caller is.',
  users: 'Accounts of people (admin only): roles, language, the organisation a user acts for.',
  regions: 'The Jakarta region tree (province → city → district → village) with boundaries; admins import it.',
  programs: 'Aid programs and their packages (what can be given, in which unit, at what unit value).',
  needs: 'Needs published by the government: a package, a quantity and a village. Drafts until published.',
  institutions:
    'Schools (NPSN), MSMEs (NIB) and vendor sites (Loksem) that needs target; importable by CSV; reports and public counts by kind.',
  collaborators: 'Donor organisations and individuals, verified by officers before they can commit.',
  aggregators: 'Partner platforms that submit commitments and handovers on behalf of collaborators.',
  'api-keys': 'API keys of aggregator systems (`X-API-Key`): issued and revoked by officers, shown once.',
  commitments: 'A collaborator’s signed promise to cover needs: draft → signed (submitted) → approved/rejected/cancelled.',
  allocations: 'Claims on a need’s quantity under an approved commitment; they never overlap and expire unless delivered.',
  handovers: 'Deliveries against allocations, with photos/documents, verified by officers into a signed BAST record.',
  notifications: 'Email, in-app and webhook deliveries: the caller’s inbox, and the outbox officers can retry.',
  webhooks: 'Event subscriptions of partner systems; every delivery is signed (`X-KSBB-Signature`, see docs/INTEGRATION.md).',
  reports: 'Internal reports (summary, coverage, time series, collaborators) and scheduled report runs.',
  audit: 'The append-only audit trail of every change (admin only).',
  public: 'What anyone may read without credentials: headline numbers, open needs, the map, the scorecard, BAST checks.',
  health: 'Liveness, readiness and Prometheus metrics for the platform’s operators.',
};

/** The id an operation gets when its @ApiOperation names none: controller (without "Controller") + method. */
export const defaultOperationId = (controllerKey: string, methodKey: string): string =>
  `${lowerFirst(controllerKey.replace(/Controller$/, ''))}${upperFirst(methodKey)}`;

/** The operationId of a controller method: the one its @ApiOperation declares, else the default. */
export function operationIdOf(controller: Type, methodKey: string): string {
  const handler = (controller.prototype as Record<string, unknown>)[methodKey] as object;
  const declared = (Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as { operationId?: string } | undefined)?.operationId;
  return declared ?? defaultOperationId(controller.name, methodKey);
}

export interface OperationAccess {
  isPublic: boolean;
  /** empty: any authenticated caller */
  roles: Role[];
}

/** Each routed controller method's @Public/@Roles, keyed by operationId. */
export function accessByOperationId(app: INestApplication): Map<string, OperationAccess> {
  const out = new Map<string, OperationAccess>();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as Type | null;
      if (!cls) continue;
      for (const key of Object.getOwnPropertyNames(cls.prototype)) {
        const handler = (cls.prototype as Record<string, unknown>)[key];
        if (key === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const isPublic: boolean = Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, cls) ?? false;
        const roles: Role[] = Reflect.getMetadata(ROLES, handler) ?? Reflect.getMetadata(ROLES, cls) ?? [];
        out.set(operationIdOf(cls, key), { isPublic, roles });
      }
    }
  }
  return out;
}

/** "Who may call" in words, from the route's own access metadata (so it cannot drift from what is enforced). */
export function describeAccess({ isPublic, roles }: OperationAccess): string {
  if (isPublic) return '**Who may call:** anyone; no credentials (`security: []`).';
  if (roles.length === 0) {
    return '**Who may call:** any signed-in user (bearer JWT) or an aggregator system (`X-API-Key`); what each sees is scoped to them.';
  }
  const viaKey = roles.includes('aggregator') ? '; aggregator systems also with their `X-API-Key`' : '';
  return `**Who may call:** ${roles.map((r) => `\`${r}\``).join(', ')} (bearer JWT)${viaKey}. Others get 403.`;
}

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('KSBB API')
    .setDescription(
      'Kolaborasi Sosial Berskala Besar: needs published by the Jakarta government, commitments signed by donors, ' +
        'claims that never overlap, and signed handover records (BAST). Errors are application/problem+json (RFC 9457). ' +
        'API keys, idempotency, ETags, pagination, rate limits and signed webhooks are explained in docs/INTEGRATION.md.',
    )
    .setVersion('1.0.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .setContact('KSBB platform team', 'https://ksbb.jakarta.go.id', 'ksbb@jakarta.go.id')
    .addServer('/', 'This deployment (paths carry their /api/v1 prefix)')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'People: the accessToken from POST /api/v1/auth/login' },
      'bearer',
    )
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Aggregator systems: a key issued by an officer (POST /api/v1/aggregators/{id}/api-keys)' },
      'apiKey',
    );
  for (const [name, description] of Object.entries(API_TAGS)) builder.addTag(name, description);
  const doc = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ProblemDto, FieldErrorDto, PageMetaDto],
    operationIdFactory: defaultOperationId,
  });
  documentAccess(doc, accessByOperationId(app));
  documentBodyProblems(doc);
  documentRateLimit(doc);
  // Sorted keys make the exported document byte-for-byte reproducible.
  return sortKeysDeep(doc);
}

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function operations(doc: OpenAPIObject): Array<[string, Operation]> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.map((m) => item[m]).filter((op): op is Operation => !!op).map((op) => [path, op] as [string, Operation]),
  );
}

/** Public operations declare `security: []`; every description starts with who may call it. */
function documentAccess(doc: OpenAPIObject, access: Map<string, OperationAccess>): void {
  for (const [, op] of operations(doc)) {
    const a = op.operationId ? access.get(op.operationId) : undefined;
    if (!a) continue;
    if (a.isPublic) op.security = [];
    op.description = [describeAccess(a), op.description].filter(Boolean).join('\n\n');
  }
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

/** Every route but the probes counts against the caller's per-minute ceiling (platform/rate-limit.hook.ts). */
function documentRateLimit(doc: OpenAPIObject): void {
  for (const [path, op] of operations(doc)) {
    if (!RATE_LIMIT_EXEMPT.has(path)) op.responses['429'] ??= problemResponse(429);
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
