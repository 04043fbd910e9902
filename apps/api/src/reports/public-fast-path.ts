import cors, { type FastifyCorsOptions } from '@fastify/cors';
import { Logger } from '@nestjs/common';
import Fastify, { type FastifyInstance } from 'fastify';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Counter, type Registry } from 'prom-client';
import { ContentCoding, LeasedRateLimiter, MAP_LEVELS, MapLevel, PublicService, RateDecision, Snapshot } from '@ksbb/core';
import { MAP_REGION, NEEDS_REGION, PROGRAM, PublicNeedsQueryDto } from './dto/public.dto';
import { ifNoneMatchHolds, negotiate, PUBLIC_CACHE_CONTROL, PUBLIC_VARY } from './public-response';

/**
 * # The public snapshots, answered before Fastify and Nest
 *
 * The public map, headline numbers, open needs and scorecard are served from bodies held in memory (PublicSnapshots:
 * serialised and compressed once, held until the rollups change). On a hit, what costs is the pipeline around it:
 * Fastify's hooks, Nest's router, guard, pipes and exception zone, the request context, the access log. This answers
 * a GET of those routes on the server's `request` event itself, ahead of Fastify, when — and only when — all of this
 * holds (anything else goes the normal way, untouched, which gives the same answer or the 400/429 problem):
 * - the path is one of the four routes exactly, the method GET, no body, no `Origin` (CORS requests take the normal
 *   route, whose CORS hook decides per origin), no `Authorization` or `X-API-Key` (credentials are judged there);
 * - the query has only that route's parameters, each once, plain characters (no percent-encoding) and the values
 *   the route's validation accepts (the DTOs' own patterns); absent ones take the DTO's defaults;
 * - the body for exactly that request is held and fresh (`PublicService.held`, which never computes): a body is held
 *   only after the route itself answered that request, so a hit is a query the route accepted.
 * - the caller's rate limit (the same LeasedRateLimiter and bucket as the `onRequest` hook, `req:ip:<request.ip>`,
 *   the address by Fastify's own TRUST_PROXY rules) admits it; refused, it goes the normal way, which refuses it
 *   again with the 429 problem in the caller's language.
 *
 * The answer is the bytes the route sends — the same body, the same headers in the same order (helmet's, the CORS
 * headers of a request without Origin, X-Request-Id, the rate limit's, Cache-Control, ETag, Vary, Content-Type,
 * Content-Encoding, Content-Length), built once per body and coding — and 304 on a matching If-None-Match.
 *
 * Observability: each answer is counted in `ksbb_http_request_duration_seconds` under the route's label like any
 * other (its time from the request event to the end of the write) and in `ksbb_public_fast_path_total{route,outcome}`
 * (`hit`, `not_modified`, and `fallthrough` for a request of these routes left to the normal path). Access lines are
 * aggregated rather than written per answer: once a minute, one info line per route with the counts (no addresses).
 * These are anonymous, cacheable reads of public aggregates — a line each would cost more than the answer and record
 * the readers' addresses for nothing; errors, refusals and misses still log as always. PUBLIC_FAST_PATH=false turns
 * it off.
 */

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type Query = Readonly<Record<string, string>>;

const JSON_TYPE = 'application/json; charset=utf-8';
const GEOJSON_TYPE = 'application/geo+json; charset=utf-8';
/** A query value answered here: short, plain characters; anything else (%-encoded, `+`, empty) goes the normal way. */
const PLAIN_VALUE = /^[A-Za-z0-9._-]{1,64}$/;
/** A page or limit as the route reads it, written the one way that maps to the number (no sign, zeros or dot). */
const CANONICAL_INT = /^[1-9][0-9]{0,5}$/;
const SUMMARY_EVERY_MS = 60_000;
const QUERIES_KEPT = 256;

interface SnapshotRoute {
  /** the path, and the `route` label of the metrics (what Fastify reports as the route's url) */
  readonly path: string;
  readonly contentType: string;
  readonly params: ReadonlySet<string>;
  /** the held body for this query, or undefined (not held, or a query left to the route) */
  held(q: Query): Snapshot | undefined;
}

/** The bytes sent for one body in one coding: its header lists (200 and 304) with the per-request values blank. */
interface Form {
  body: Buffer;
  etag: string;
  ok: string[];
  notModified: string[];
}

interface Counts {
  hit: number;
  notModified: number;
  fallthrough: number;
}

const optional = (value: string | undefined, pattern: RegExp): boolean => value === undefined || pattern.test(value);
const isMapLevel = (value: string): value is MapLevel => (MAP_LEVELS as readonly string[]).includes(value);

/** The routes whose bodies PublicSnapshots holds, their parameters checked with the DTOs' own patterns. */
function snapshotRoutes(prefix: string, publicData: PublicService): SnapshotRoute[] {
  const page = new PublicNeedsQueryDto();
  const int = (value: string | undefined, fallback: number): number | undefined =>
    value === undefined ? fallback : CANONICAL_INT.test(value) ? Number(value) : undefined;
  return [
    {
      path: `${prefix}/public/stats`,
      contentType: JSON_TYPE,
      params: new Set(),
      held: () => publicData.held.stats(),
    },
    {
      path: `${prefix}/public/needs/map`,
      contentType: GEOJSON_TYPE,
      params: new Set(['level', 'program', 'region']),
      held: (q) => {
        const level = q.level ?? 'district';
        if (!isMapLevel(level) || !optional(q.program, PROGRAM) || !optional(q.region, MAP_REGION)) return undefined;
        return publicData.held.map(level, q.program, q.region);
      },
    },
    {
      path: `${prefix}/public/needs`,
      contentType: JSON_TYPE,
      params: new Set(['program', 'region', 'page', 'limit']),
      held: (q) => {
        const p = int(q.page, page.page);
        const limit = int(q.limit, page.limit);
        if (p === undefined || limit === undefined || !optional(q.program, PROGRAM) || !optional(q.region, NEEDS_REGION))
          return undefined;
        return publicData.held.needs({ programCode: q.program, regionCode: q.region, page: p, limit });
      },
    },
    {
      path: `${prefix}/public/scorecard`,
      contentType: JSON_TYPE,
      params: new Set(['program']),
      held: (q) => (optional(q.program, PROGRAM) ? publicData.held.scorecard(q.program) : undefined),
    },
  ];
}

/** The query's parameters when every one is known to the route, given once and plain; otherwise null. */
function plainQuery(query: string, allowed: ReadonlySet<string>): Query | null {
  const out: Record<string, string> = {};
  if (query === '') return Object.freeze(out);
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const name = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (!allowed.has(name) || out[name] !== undefined || !PLAIN_VALUE.test(value)) return null;
    out[name] = value;
  }
  return Object.freeze(out);
}

/**
 * What @fastify/cors sets on a response to a request without `Origin` (with these options), found as
 * securityHeaders finds helmet's: the plugin run once on a throwaway instance.
 */
export async function corsHeadersWithoutOrigin(options: FastifyCorsOptions): Promise<[string, string][]> {
  const probe = Fastify();
  await probe.register(cors, options);
  probe.get('/', (_request, reply) => reply.send(''));
  const res = await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  return Object.entries(res.headers)
    .filter(([name]) => name === 'vary' || name.startsWith('access-control-'))
    .map(([name, value]): [string, string] => [name, Array.isArray(value) ? value.join(', ') : String(value)]);
}

/** A flat header list (name, value, …) in the order the names were first set, with their last values. */
function headerList(entries: [string, string][]): string[] {
  const map = new Map<string, string>();
  for (const [name, value] of entries) map.set(name, value);
  return [...map].flat();
}

/** Fastify's own Request class for this TRUST_PROXY, so `ip` is request.ip by the same rules (X-Forwarded-For). */
type RequestWithIp = new (
  id: string,
  params: object,
  req: IncomingMessage,
  query: object,
  log: unknown,
  context: unknown,
) => { readonly ip: string | undefined };
const FastifyRequestClass = require('fastify/lib/request') as RequestWithIp & {
  buildRequest(base: RequestWithIp, trustProxy: unknown): RequestWithIp;
};

export interface PublicFastPathOptions {
  prefix: string;
  publicData: PublicService;
  limiter: LeasedRateLimiter;
  rateLimit: number;
  trustProxy: boolean | number | string[];
  /** helmet's headers, as registerSecurityHeaders sets them */
  securityHeaders: Readonly<Record<string, string>>;
  /** corsHeadersWithoutOrigin */
  corsHeaders: [string, string][];
  requestId: (headers: IncomingHttpHeaders) => string;
  registry: Registry;
  observe: (route: string, status: number, seconds: number) => void;
}

/**
 * Answers held public snapshots ahead of Fastify (see the top of this file); register after the other hooks and
 * routes, before `ready`. The summary of what it answered is written once a minute and when the app closes.
 */
export function registerPublicFastPath(fastify: FastifyInstance, options: PublicFastPathOptions): void {
  const fast = new PublicFastPath(options);
  fast.install(fastify.server);
  fastify.addHook('onClose', (_instance, done) => {
    fast.close();
    done();
  });
}

class PublicFastPath {
  private readonly routes = new Map<
    string,
    { route: SnapshotRoute; counts: Counts; logged: Counts; queries: Map<string, Query | null> }
  >();
  private readonly forms = new WeakMap<Snapshot, Map<string, Form>>();
  /** Accept-Encoding → the coding chosen when both forms exist (browsers send a handful of distinct values) */
  private readonly codings = new Map<string, ContentCoding | null>();
  private readonly RequestWithIp: RequestWithIp;
  private readonly limitHeader: string;
  /** where X-Request-Id's and X-RateLimit-Remaining's values sit in every header list */
  private readonly idAt: number;
  private readonly remainingAt: number;
  private readonly log = new Logger('PublicFastPath');
  private summary?: NodeJS.Timeout;

  constructor(private readonly o: PublicFastPathOptions) {
    const counts = countsIn(o.registry);
    for (const route of snapshotRoutes(o.prefix, o.publicData)) {
      if (!counts.has(route.path)) counts.set(route.path, zero());
      this.routes.set(route.path, { route, counts: counts.get(route.path) as Counts, logged: zero(), queries: new Map() });
    }
    this.RequestWithIp = FastifyRequestClass.buildRequest(FastifyRequestClass, o.trustProxy);
    this.limitHeader = String(o.rateLimit);
    // The 200 and 304 lists start with these (the validators only add names or reset values: no shift).
    const common = headerList(this.commonEntries());
    this.idAt = common.indexOf('x-request-id') + 1;
    this.remainingAt = common.indexOf('x-ratelimit-remaining') + 1;
  }

  /** Puts this in front of Fastify's handler on the server's `request` event; the rest of the server is untouched. */
  install(server: Server): void {
    const listeners = server.listeners('request') as Handler[];
    if (listeners.length !== 1) {
      this.log.warn(`not installed: the server has ${listeners.length} request listeners, expected Fastify's one`);
      return;
    }
    const [fastify] = listeners;
    server.removeListener('request', fastify);
    const next: Handler = (req, res) => fastify.call(server, req, res);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.handle(req, res, next));
    this.summary = setInterval(() => this.writeSummary(), SUMMARY_EVERY_MS).unref();
  }

  /** Writes what is left to summarise and stops the timer (the app closes). */
  close(): void {
    clearInterval(this.summary);
    this.writeSummary();
  }

  /** Answers a held body, or hands the request to `next` (Fastify) as it came. */
  handle(req: IncomingMessage, res: ServerResponse, next: Handler): void {
    const started = performance.now();
    let taken = false;
    try {
      taken = this.tryServe(req, res, next, started);
    } catch (err) {
      this.log.warn(`fell through after an error: ${(err as Error).message}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
    }
    if (!taken) next(req, res);
  }

  /** true when the request is answered here (now, or once its rate-limit lease is in). */
  private tryServe(req: IncomingMessage, res: ServerResponse, next: Handler, started: number): boolean {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const entry = this.routes.get(q < 0 ? url : url.slice(0, q));
    if (!entry) return false;
    const h = req.headers;
    const query =
      req.method === 'GET' &&
      h.origin === undefined &&
      h.authorization === undefined &&
      h['x-api-key'] === undefined &&
      h['content-length'] === undefined &&
      h['transfer-encoding'] === undefined
        ? this.parsedQuery(entry, q < 0 ? '' : url.slice(q + 1))
        : null;
    const snapshot = query ? entry.route.held(query) : undefined;
    if (!snapshot) {
      entry.counts.fallthrough++;
      return false;
    }
    const ip = new this.RequestWithIp('', {}, req, {}, null, null).ip;
    const decision = this.o.limiter.hit(`req:ip:${ip}`);
    if (!(decision instanceof Promise)) {
      if (!decision.allowed) {
        entry.counts.fallthrough++;
        return false;
      }
      this.send(req, res, entry.route, entry.counts, snapshot, decision, started);
      return true;
    }
    decision.then(
      (d) => {
        if (!d.allowed || res.headersSent || req.destroyed) {
          entry.counts.fallthrough++;
          if (!req.destroyed) next(req, res);
          return;
        }
        try {
          this.send(req, res, entry.route, entry.counts, snapshot, d, started);
        } catch (err) {
          this.log.warn(`failed to answer from memory: ${(err as Error).message}`);
          if (res.headersSent) res.destroy();
          else next(req, res);
        }
      },
      () => next(req, res),
    );
    return true;
  }

  private send(
    req: IncomingMessage,
    res: ServerResponse,
    route: SnapshotRoute,
    counts: Counts,
    snapshot: Snapshot,
    decision: RateDecision,
    started: number,
  ): void {
    const form = this.form(route, snapshot, this.coding(req.headers['accept-encoding'], snapshot));
    const inm = req.headers['if-none-match'];
    const notModified = inm !== undefined && ifNoneMatchHolds(inm, form.etag);
    const headers = (notModified ? form.notModified : form.ok).slice();
    headers[this.idAt] = this.o.requestId(req.headers);
    headers[this.remainingAt] = String(decision.remaining);
    const status = notModified ? 304 : 200;
    res.writeHead(status, headers);
    if (notModified) {
      counts.notModified++;
      res.end();
    } else {
      counts.hit++;
      res.end(form.body);
    }
    this.o.observe(route.path, status, (performance.now() - started) / 1000);
  }

  /** plainQuery, remembered per route for the few distinct queries clients send (at most QUERIES_KEPT). */
  private parsedQuery(entry: { route: SnapshotRoute; queries: Map<string, Query | null> }, query: string): Query | null {
    let parsed = entry.queries.get(query);
    if (parsed === undefined) {
      parsed = plainQuery(query, entry.route.params);
      if (entry.queries.size >= QUERIES_KEPT) entry.queries.clear();
      entry.queries.set(query, parsed);
    }
    return parsed;
  }

  private coding(acceptEncoding: string | string[] | undefined, snapshot: Snapshot): ContentCoding | null {
    if (typeof acceptEncoding !== 'string' || !snapshot.encoded.br || !snapshot.encoded.gzip) {
      return negotiate(acceptEncoding, snapshot);
    }
    let coding = this.codings.get(acceptEncoding);
    if (coding === undefined) {
      coding = negotiate(acceptEncoding, snapshot);
      if (this.codings.size >= 64) this.codings.clear();
      this.codings.set(acceptEncoding, coding);
    }
    return coding;
  }

  /** The header lists of one body in one coding, built on first use and kept as long as the body is. */
  private form(route: SnapshotRoute, snapshot: Snapshot, coding: ContentCoding | null): Form {
    let byCoding = this.forms.get(snapshot);
    if (!byCoding) this.forms.set(snapshot, (byCoding = new Map()));
    const key = coding ?? 'identity';
    let form = byCoding.get(key);
    if (form) return form;
    // As sendSnapshot (public-response.ts) sets them, after the onRequest hooks' headers.
    const etag = coding ? `${snapshot.etag.slice(0, -1)}-${coding}"` : snapshot.etag;
    const body = coding ? (snapshot.encoded[coding] as Buffer) : snapshot.body;
    const validators: [string, string][] = [
      ['cache-control', PUBLIC_CACHE_CONTROL],
      ['etag', etag],
      ['vary', PUBLIC_VARY],
    ];
    const ok = headerList([
      ...this.commonEntries(),
      ...validators,
      ['content-type', route.contentType],
      ...(coding ? [['content-encoding', coding] as [string, string]] : []),
      ['content-length', String(body.length)],
    ]);
    const notModified = headerList([...this.commonEntries(), ...validators]);
    form = { body, etag, ok, notModified };
    byCoding.set(key, form);
    return form;
  }

  /**
   * The onRequest hooks' headers, in their order: helmet's, CORS's, the request id, the rate limit's (the request id
   * and the remaining count blank: filled per request).
   */
  private commonEntries(): [string, string][] {
    return [
      ...Object.entries(this.o.securityHeaders),
      ...this.o.corsHeaders,
      ['x-request-id', ''],
      ['x-ratelimit-limit', this.limitHeader],
      ['x-ratelimit-remaining', ''],
    ];
  }

  /** The aggregated access line: per route, what was answered from memory since the last one. */
  private writeSummary(): void {
    for (const [path, { counts, logged }] of this.routes) {
      const hit = counts.hit - logged.hit;
      const notModified = counts.notModified - logged.notModified;
      if (hit === 0 && notModified === 0) continue;
      Object.assign(logged, counts);
      this.log.log({ msg: 'public snapshots answered from memory', route: path, status200: hit, status304: notModified });
    }
  }
}

const zero = (): Counts => ({ hit: 0, notModified: 0, fallthrough: 0 });

const countsByRegistry = new WeakMap<Registry, Map<string, Counts>>();

/**
 * The answers per route, counted in plain numbers on the request path and read when the registry is scraped
 * (`ksbb_public_fast_path_total`); one set per registry (the apps of one test process share it, as the API's others).
 */
function countsIn(registry: Registry): Map<string, Counts> {
  let counts = countsByRegistry.get(registry);
  if (counts) return counts;
  const all = (counts = new Map<string, Counts>());
  countsByRegistry.set(registry, all);
  new Counter({
    name: 'ksbb_public_fast_path_total',
    help: 'Requests of the public snapshot routes answered from memory ahead of the pipeline (hit, not_modified) or left to it (fallthrough)',
    labelNames: ['route', 'outcome'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [route, c] of all) {
        this.inc({ route, outcome: 'hit' }, c.hit);
        this.inc({ route, outcome: 'not_modified' }, c.notModified);
        this.inc({ route, outcome: 'fallthrough' }, c.fallthrough);
      }
    },
  });
  return counts;
}
