import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { localiseProblem, problem, problemFor, problemLanguage, toProblem } from './problem';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The one place errors become responses: every error is RFC 9457 problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const { problem: raw, headers, params } = toProblem(exception);
    const problem = localiseProblem(raw, problemLanguage(request.headers['accept-language']), params);
    if (problem.status >= 500) {
      this.logger.error({ err: describeError(exception), requestId: request.id }, 'unhandled error');
    }
    problem.instance = request.url.split('?')[0];
    reply.status(problem.status).headers(headers).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}

/** What may be logged of an unexpected error: never a failed query's parameters or the request body. */
export function describeError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: String(e).slice(0, 200) };
  const pg = e as Error & { code?: string; driverError?: { code?: string; table?: string; constraint?: string } };
  return {
    type: e.name,
    message: e.name === 'QueryFailedError' ? 'query failed' : e.message.slice(0, 500),
    code: pg.code ?? pg.driverError?.code,
    table: pg.driverError?.table,
    constraint: pg.driverError?.constraint,
    stack: e.stack?.split('\n').slice(1, 8).join('\n'),
  };
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before any route (a request line and headers over
 * 16 KB → 431, a timeout → 408, anything malformed → 400) is problem+json too, not Fastify's own JSON.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const detail = status === 431 ? 'the request line and headers exceed 16 KB' : status === 408 ? 'the request took too long to arrive' : 'the request is malformed';
  const code = status === 431 ? 'headers_too_large' : status === 408 ? 'request_timeout' : 'malformed_request';
  // Nothing of the request is known here (not even Accept-Language): English.
  const body = JSON.stringify(problem(status, detail, undefined, code));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** Fastify's `frameworkErrors`: errors its router raises before Nest sees the request (a malformed URL) as problem+json. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const detail = status === 414 ? 'a path segment is too long' : 'the URL is malformed';
  const body = {
    ...problemFor(request.headers['accept-language'], status, detail, status === 414 ? 'uri_too_long' : 'malformed_url'),
    instance: request.url.split('?')[0],
  };
  void reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}
