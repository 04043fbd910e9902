import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { from, Observable, of, throwError } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { canonicalJson, ConflictError, IdempotencyStore, InvalidInputError, sha256Hex, UnprocessableError } from '@ksbb/core';
import { PROBLEM_CONTENT_TYPE } from './problem.filter';
import { toProblem } from './problem';

const KEY = /^[A-Za-z0-9_\-:.]{1,200}$/;

export const NO_IDEMPOTENCY = 'ksbb:no-idempotency';
/** Sign-up, sign-in, refresh and sign-out: their answers are credentials, and a replay must never revive one. */
const CREDENTIAL_PATHS = /^\/api\/v1\/auth(\/|$)/;

/**
 * A POST whose answer carries a secret (an API key, a webhook's signing secret): Idempotency-Key is ignored there, so
 * the secret is never stored in the idempotency table nor handed out again on a replay.
 */
export const NoIdempotency = (): MethodDecorator & ClassDecorator => SetMetadata(NO_IDEMPOTENCY, true);

/**
 * `Idempotency-Key` on every POST (scope: caller + method + path; kept 24 h): the same key and body replay the first
 * response with `Idempotency-Replayed: true`; a different body → 422; the first still running → 409.
 * Client errors (4xx) are remembered like successes; server errors are forgotten so the client can retry.
 *
 * Never under `/auth/` (a stored token pair would be readable for 24 h, and a spent refresh token replayed with its key
 * would return a live pair past the reuse detection), nor on a route marked `@NoIdempotency()`: there the header is
 * ignored and every request runs.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (
      CREDENTIAL_PATHS.test(request.url.split('?')[0]) ||
      this.reflector.getAllAndOverride<boolean>(NO_IDEMPOTENCY, [context.getHandler(), context.getClass()])
    ) {
      return next.handle();
    }
    if (typeof key !== 'string' || !KEY.test(key)) {
      return throwError(() => new InvalidInputError('Idempotency-Key must be 1–200 characters of [A-Za-z0-9_-:.]', { code: 'idempotency_key_invalid' }));
    }
    const p = request.principal;
    const caller = p ? `${p.kind}:${p.id}` : `anon:${request.ip}`;
    const scope = sha256Hex(`${caller}\n${request.method}\n${request.url.split('?')[0]}\n${key}`);
    // A streamed import body is read by the handler, not here: like a multipart upload, it is not part of the hash.
    const body = request.body instanceof Readable ? null : (request.body ?? null);
    const bodyHash = sha256Hex(canonicalJson(body));
    const successStatus = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;

    return from(this.store.begin(scope, bodyHash)).pipe(
      mergeMap((begin) => {
        switch (begin.outcome) {
          case 'mismatch':
            return throwError(() => new UnprocessableError('this Idempotency-Key was used with a different request body', { code: 'idempotency_key_reused' }));
          case 'in_progress':
            return throwError(() => new ConflictError('a request with this Idempotency-Key is still being processed', { code: 'idempotency_in_progress' }));
          case 'replay':
            reply.header('idempotency-replayed', 'true');
            if (begin.status >= 400) {
              // Replayed through the problem filter, which keeps the stored status and body.
              return throwError(() => new HttpException({ problem: begin.body }, begin.status));
            }
            return of(begin.body === null ? undefined : begin.body);
          case 'new':
            return next.handle().pipe(
              mergeMap(async (body) => {
                await this.store.complete(scope, successStatus, body, 'application/json; charset=utf-8');
                return body;
              }),
              catchError(async (err) => {
                const { problem } = toProblem(err);
                if (problem.status >= 500 || problem.status === 429) await this.store.abandon(scope);
                else await this.store.complete(scope, problem.status, { ...problem, instance: request.url.split('?')[0] }, PROBLEM_CONTENT_TYPE);
                throw err;
              }),
            );
        }
      }),
    );
  }
}
