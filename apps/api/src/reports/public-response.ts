import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ContentCoding, Snapshot } from '@ksbb/core';

export const PUBLIC_CACHE_CONTROL = 'public, max-age=30';

/** The entity tag without weakness or coding suffix: a client holding any form of the same body gets 304. */
const opaque = (tag: string): string => tag.trim().replace(/^W\//, '').replace(/-(br|gzip)"$/, '"');

/** `If-None-Match` may list several validators, weak or strong; weak comparison applies to GET. */
export function ifNoneMatchHolds(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const mine = opaque(etag);
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaque(tag) === mine);
}

/** The coding to answer with: brotli, then gzip, when the client accepts it (q > 0) and a form exists. */
export function negotiate(acceptEncoding: string | string[] | undefined, snapshot: Snapshot): ContentCoding | null {
  if (typeof acceptEncoding !== 'string' || !acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const ok = (c: string): boolean => (accepted.get(c) ?? (accepted.has('*') ? (accepted.get('*') as number) : 0)) > 0;
  for (const coding of ['br', 'gzip'] as const) if (snapshot.encoded[coding] && ok(coding)) return coding;
  return null;
}

/**
 * Sends a public snapshot with its cache headers — pre-compressed (brotli or gzip, as Accept-Encoding allows) —
 * or 304 when the client already holds it. Each coding has its own strong ETag.
 */
/**
 * What a shared cache must key a public answer by: its coding, and the Origin, because CORS answers a cross-origin
 * caller with headers a same-origin answer lacks (a CDN holding the one must not serve it for the other).
 */
export const PUBLIC_VARY = 'Origin, Accept-Encoding';

export function sendSnapshot(
  request: FastifyRequest,
  reply: FastifyReply,
  snapshot: Snapshot,
  contentType = 'application/json; charset=utf-8',
): void {
  const coding = negotiate(request.headers['accept-encoding'], snapshot);
  const etag = coding ? `${snapshot.etag.slice(0, -1)}-${coding}"` : snapshot.etag;
  reply.header('cache-control', PUBLIC_CACHE_CONTROL).header('etag', etag).header('vary', PUBLIC_VARY);
  if (ifNoneMatchHolds(request.headers['if-none-match'], etag)) {
    reply.code(304).send();
    return;
  }
  reply.type(contentType);
  if (coding) reply.header('content-encoding', coding).send(snapshot.encoded[coding]);
  else reply.send(snapshot.body);
}

/** Documents the validators and the 304 of a public, cacheable response. */
export const ApiCacheable = (): MethodDecorator =>
  applyDecorators(
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'the ETag you hold; 304 when unchanged',
    }),
    ApiResponse({
      status: 304,
      description: 'Not modified: the ETag in If-None-Match is current',
    }),
  );
