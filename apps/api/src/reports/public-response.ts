import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Snapshot } from '@ksbb/core';

export const PUBLIC_CACHE_CONTROL = 'public, max-age=30';

/** `If-None-Match` may list several validators, weak or strong; weak comparison applies to GET. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** Sends a public snapshot with its cache headers, or 304 when the client already holds it. */
export function sendSnapshot(
  request: FastifyRequest,
  reply: FastifyReply,
  snapshot: Snapshot,
  contentType = 'application/json; charset=utf-8',
): void {
  reply.header('cache-control', PUBLIC_CACHE_CONTROL).header('etag', snapshot.etag);
  if (matches(request.headers['if-none-match'], snapshot.etag)) {
    reply.code(304).send();
    return;
  }
  reply.type(contentType).send(snapshot.body);
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
