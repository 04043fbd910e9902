import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, FieldError, TooManyRequestsError } from '@ksbb/core';

/** RFC 9457 problem details. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

export interface ProblemWithHeaders {
  problem: Problem;
  headers: Record<string, string>;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const typeFor = (status: number): string =>
  `https://ksbb.jakarta.go.id/problems/${(TITLES[status] ?? 'error').toLowerCase().replace(/ /g, '-')}`;

export function problem(status: number, detail: string, errors?: FieldError[]): Problem {
  return { type: typeFor(status), title: TITLES[status] ?? 'Error', status, detail, ...(errors?.length ? { errors } : {}) };
}

/** PostgreSQL error codes that mean the input was wrong, not the server. */
const PG_CLIENT_ERRORS: Record<string, [number, string]> = {
  '23505': [409, 'the resource already exists'],
  '23503': [409, 'the change refers to, or is referred to by, another resource'],
  '23514': [409, 'the change would break a rule of the resource (not enough quantity left, or an invalid state)'],
  '22P02': [400, 'a value has the wrong format'],
  '22003': [400, 'a number is out of range'],
  '22001': [400, 'a value is too long'],
  '22007': [400, 'a date or time is invalid'],
  '22008': [400, 'a date or time is out of range'],
  '40001': [409, 'a concurrent change conflicted with this one; retry'],
  '40P01': [409, 'a concurrent change conflicted with this one; retry'],
  '55P03': [409, 'the resource is busy; retry'],
};

/** Fastify's own errors (body parsing, limits) carry a statusCode and a code. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Maps any thrown value to a problem. Never leaks a stack trace or an internal message for a 5xx. */
export function toProblem(exception: unknown): ProblemWithHeaders {
  const headers: Record<string, string> = {};
  if (exception instanceof DomainError) {
    if (exception instanceof TooManyRequestsError) headers['retry-after'] = String(exception.retryAfterSeconds);
    return { problem: problem(exception.status, exception.message, exception.errors), headers };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const res = exception.getResponse();
    if (typeof res === 'object' && res && 'problem' in res) return { problem: (res as { problem: Problem }).problem, headers };
    const message =
      typeof res === 'string'
        ? res
        : Array.isArray((res as { message?: unknown }).message)
          ? ((res as { message: string[] }).message.join('; '))
          : String((res as { message?: unknown }).message ?? exception.message);
    if (status >= 500) return { problem: problem(status, 'an unexpected error occurred'), headers };
    return { problem: problem(status, status === 404 && /^Cannot /.test(message) ? 'no such route' : message), headers };
  }
  const pgCode = (exception as { code?: string; driverError?: { code?: string } })?.driverError?.code ??
    ((exception as { name?: string })?.name === 'QueryFailedError' ? (exception as { code?: string }).code : undefined);
  if (pgCode && PG_CLIENT_ERRORS[pgCode]) {
    const [status, detail] = PG_CLIENT_ERRORS[pgCode];
    return { problem: problem(status, detail), headers };
  }
  const fe = exception as FastifyLikeError;
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) return { problem: problem(413, 'the request body is too large'), headers };
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
      return { problem: problem(415, 'the content type is not supported here'), headers };
    }
    return { problem: problem(fe.statusCode, fe.statusCode === 400 ? 'the request body is not valid JSON' : fe.message ?? 'bad request'), headers };
  }
  return { problem: problem(HttpStatus.INTERNAL_SERVER_ERROR, 'an unexpected error occurred'), headers };
}
