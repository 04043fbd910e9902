import { SetMetadata } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Transform, TransformCallback, type Readable } from 'node:stream';
import { AppConfig, InvalidInputError } from '@ksbb/core';
import { AuthGuard } from './auth.guard';
import { IS_PUBLIC } from './auth.decorators';
import { Problem, problemFor, toProblem } from './problem';
import { PROBLEM_CONTENT_TYPE } from './problem.filter';

/**
 * Request bodies cannot hurt the server before anyone is known:
 * - every route reads at most JSON_BODY_LIMIT_BYTES; only routes marked @UploadBody read more;
 * - on a route that is not @Public, the credential is checked in `onRequest`, before a byte of the body is read;
 * - a Content-Length over the route's limit is refused with 413 before reading, and the connection closed;
 * - JSON nested deeper than JSON_MAX_DEPTH is refused (scanned without recursion) before it is parsed.
 */

const UPLOAD_BODY = 'ksbb:upload-body';

export interface UploadBodyOptions {
  /** the route's own ceiling (still at most IMPORT_BODY_LIMIT_BYTES); default IMPORT_BODY_LIMIT_BYTES */
  maxBytes?: number;
  /** a text/csv (or text/plain) body reaches the handler as a stream instead of a string */
  stream?: boolean;
}

/** A route that takes a document larger than JSON bodies: an import or an upload. */
export const UploadBody = (options: UploadBodyOptions = {}): MethodDecorator => SetMetadata(UPLOAD_BODY, options);

/** What each Nest route tells the hooks below, carried in its Fastify route config. */
export interface BodyRouteConfig {
  public: boolean;
  /** the route's body limit when it is not the global one */
  bodyLimit?: number;
  stream: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    ksbb?: BodyRouteConfig;
  }
}

/**
 * Writes every controller method's BodyRouteConfig into its Fastify route config (which the Nest adapter passes to
 * `fastify.route`). Runs before `app.init()` registers the routes. Whether a route is public is read exactly as the
 * AuthGuard reads it (handler, then class), so a route is closed here unless the guard would let anyone in.
 */
export function markRoutes(app: NestFastifyApplication, config: AppConfig): void {
  const reflector = app.get(Reflector);
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!type?.prototype) continue;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const method = Object.getOwnPropertyDescriptor(type.prototype, name)?.value as unknown;
        if (typeof method !== 'function' || name === 'constructor') continue;
        if (Reflect.getMetadata(PATH_METADATA, method) === undefined) continue;
        const upload = reflector.get<UploadBodyOptions | undefined>(UPLOAD_BODY, method);
        const route: BodyRouteConfig = {
          public: reflector.getAllAndOverride<boolean>(IS_PUBLIC, [method, type]) === true,
          stream: upload?.stream === true,
          ...(upload ? { bodyLimit: Math.min(upload.maxBytes ?? Infinity, config.IMPORT_BODY_LIMIT_BYTES) } : {}),
        };
        const existing = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, method) ?? {}) as Record<string, unknown>;
        Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...existing, ksbb: route }, method);
      }
    }
  }
}

/** A refusal answered from a hook: problem+json, and the connection closed so that the unread body is dropped. */
function refuse(request: FastifyRequest, reply: FastifyReply, status: number, detail: string, headers: Record<string, string> = {}, code?: Problem['code'], params?: Record<string, string | number>): FastifyReply {
  return reply
    .status(status)
    .headers(headers)
    .header('connection', 'close')
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send({ ...problemFor(request.headers['accept-language'], status, detail, code, params), instance: request.url.split('?')[0] });
}

function declaredLength(request: FastifyRequest): number | null {
  const value = request.headers['content-length'];
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return null;
  return Number(value);
}

/** The route limit and the early authentication; register after the request context and rate limit hooks. */
export function registerBodyGuards(fastify: FastifyInstance, guard: AuthGuard, config: AppConfig): void {
  fastify.addHook('onRoute', (route) => {
    const limit = route.config?.ksbb?.bodyLimit;
    if (limit !== undefined) route.bodyLimit = limit;
  });

  fastify.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.config?.ksbb;
    const limit = request.routeOptions.bodyLimit ?? config.JSON_BODY_LIMIT_BYTES;
    const declared = declaredLength(request);
    if (declared !== null && declared > limit) {
      return refuse(request, reply, 413, `the request body is larger than ${limit} bytes`);
    }
    if (!route || route.public) return;
    try {
      await guard.authenticateEarly(request, reply);
    } catch (e) {
      const { problem: p, headers, params } = toProblem(e);
      return refuse(request, reply, p.status, p.detail, headers, p.code, params);
    }
  });
}

/** 413 as Fastify's own body limit reports it (toProblem maps it). */
function tooLarge(limit: number): Error {
  return Object.assign(new Error(`the request body is larger than ${limit} bytes`), {
    statusCode: 413,
    code: 'FST_ERR_CTP_BODY_TOO_LARGE',
  });
}

/** Passes the body through, failing with 413 once more than `limit` bytes came. */
class LimitedBody extends Transform {
  private seen = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) done(tooLarge(this.limit));
    else done(null, chunk);
  }
}

/** Reads a body into a string, refusing it as soon as it passes `limit` bytes. */
function readText(payload: Readable, limit: number, done: (err: Error | null, body?: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (err: Error | null, body?: string): void => {
    if (finished) return;
    finished = true;
    payload.removeAllListeners('data');
    done(err, body);
  };
  payload.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      payload.pause();
      finish(tooLarge(limit));
    } else chunks.push(chunk);
  });
  payload.on('end', () => finish(null, Buffer.concat(chunks, size).toString('utf8')));
  payload.on('error', (e) => finish(e));
}

/**
 * The document types (CSV, GeoJSON, plain text): a string within the route's limit, or on a streaming route (the
 * needs import) the body itself as a stream that fails with 413 past the limit.
 */
export function registerDocumentParsers(fastify: FastifyInstance, config: AppConfig): void {
  for (const type of ['text/csv', 'application/geo+json', 'text/plain']) {
    fastify.addContentTypeParser(type, (request: FastifyRequest, payload: Readable, done: (err: Error | null, body?: unknown) => void) => {
      const limit = request.routeOptions.bodyLimit ?? config.JSON_BODY_LIMIT_BYTES;
      const declared = declaredLength(request);
      if (declared !== null && declared > limit) return done(tooLarge(limit));
      if (request.routeOptions.config?.ksbb?.stream && type !== 'application/geo+json') {
        return done(null, payload.pipe(new LimitedBody(limit)));
      }
      readText(payload, limit, done);
    });
  }
}

/**
 * The deepest nesting of arrays and objects in a JSON text, counted without recursion and without parsing, stopping
 * as soon as it passes `max`: a linear scan of at most JSON_BODY_LIMIT_BYTES.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Replaces the JSON parser Nest registers with one that refuses too-deep documents first (400), then parses as Fastify
 * does (prototype poisoning refused). Call after `app.init()` and before `ready()`.
 */
export function registerJsonParser(fastify: FastifyInstance, config: AppConfig): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (jsonDepthExceeds(text, config.JSON_MAX_DEPTH)) {
      return done(new InvalidInputError(`the JSON body is nested deeper than ${config.JSON_MAX_DEPTH} levels`, { code: 'json_too_deep' }), undefined);
    }
    try {
      // Fastify's own refusal (not JSON, a forbidden __proto__) keeps its text but gets the code invalid_json.
      parse(request, text, (err, value) =>
        err ? done(new InvalidInputError(err.message, { code: 'invalid_json' }), undefined) : done(null, value),
      );
    } catch {
      done(new InvalidInputError('the request body is not valid JSON', { code: 'invalid_json' }), undefined);
    }
  });
}
