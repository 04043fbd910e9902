import { HttpException, HttpStatus } from '@nestjs/common';
import {
  DomainError,
  FieldError,
  isProblemCode,
  ProblemCode,
  problemCodeOfStatus,
  ProblemParams,
  problemText,
  TooManyRequestsError,
} from '@ksbb/core';

/** RFC 9457 problem details. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  /** A stable, machine-readable reason: one of PROBLEM_CODES (libs/core/src/common/problem-codes.ts). */
  code: ProblemCode;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

export interface ProblemWithHeaders {
  problem: Problem;
  headers: Record<string, string>;
  /** Values for the placeholders of the code's text (not sent). */
  params?: ProblemParams;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const typeFor = (status: number): string =>
  `https://ksbb.jakarta.go.id/problems/${(TITLES[status] ?? 'error').toLowerCase().replace(/ /g, '-')}`;

/** A problem; its code is the status's generic one unless given. */
export function problem(status: number, detail: string, errors?: FieldError[], code?: ProblemCode): Problem {
  return {
    type: typeFor(status),
    title: TITLES[status] ?? 'Error',
    status,
    code: code ?? problemCodeOfStatus(status),
    detail,
    ...(errors?.length ? { errors } : {}),
  };
}

/** A problem answered outside the exception filter (hooks, Fastify handlers), already in the caller's language. */
export function problemFor(
  acceptLanguage: string | string[] | undefined,
  status: number,
  detail: string,
  code?: ProblemCode,
  params?: ProblemParams,
): Problem {
  return localiseProblem(problem(status, detail, undefined, code), problemLanguage(acceptLanguage), params);
}

/** PostgreSQL error codes that mean the input was wrong, not the server. */
const PG_CLIENT_ERRORS: Record<string, [number, string, ProblemCode]> = {
  '23505': [409, 'the resource already exists', 'already_exists'],
  '23503': [409, 'the change refers to, or is referred to by, another resource', 'referenced'],
  '23514': [409, 'the change would break a rule of the resource (not enough quantity left, or an invalid state)', 'rule_violated'],
  '22P02': [400, 'a value has the wrong format', 'invalid_value'],
  '22003': [400, 'a number is out of range', 'invalid_value'],
  '22001': [400, 'a value is too long', 'invalid_value'],
  '22007': [400, 'a date or time is invalid', 'invalid_value'],
  '22021': [400, 'a value contains a character that cannot be stored (such as NUL)', 'invalid_value'],
  '22P05': [400, 'a value contains a character that cannot be stored (such as NUL)', 'invalid_value'],
  '22008': [400, 'a date or time is out of range', 'invalid_value'],
  '40001': [409, 'a concurrent change conflicted with this one; retry', 'concurrent_change'],
  '40P01': [409, 'a concurrent change conflicted with this one; retry', 'concurrent_change'],
  '55P03': [409, 'the resource is busy; retry', 'concurrent_change'],
};

/**
 * The database is unreachable, restarting or refusing connections (SQLSTATE class 08, 57P01-57P03 shutdown/start-up,
 * 53300 too many connections; socket errors; TypeORM's runner whose connection died mid-transaction): the request
 * may well succeed in a moment, so 503 with Retry-After rather than 500.
 */
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
const SOCKET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const RUNNER_RELEASED = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

function isUnavailable(exception: unknown): boolean {
  const e = exception as { name?: string; code?: unknown; message?: unknown; driverError?: { code?: unknown } } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.driverError?.code === 'string' ? e.driverError.code : typeof e.code === 'string' ? e.code : '';
  if (PG_UNAVAILABLE.test(code) || SOCKET_UNAVAILABLE.has(code)) return true;
  if (RUNNER_RELEASED.has(e.name ?? '')) return true;
  // node-postgres reports a socket closed under a running query only by this message.
  return typeof e.message === 'string' && /^Connection terminated( unexpectedly)?$/.test(e.message);
}

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
    return {
      problem: problem(exception.status, exception.message, exception.errors, exception.code),
      headers,
      ...(exception.params ? { params: exception.params } : {}),
    };
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
    if (status === 404 && /^Cannot /.test(message)) return { problem: problem(404, 'no such route', undefined, 'route_not_found'), headers };
    return { problem: problem(status, message), headers };
  }
  const pgCode = (exception as { code?: string; driverError?: { code?: string } })?.driverError?.code ??
    ((exception as { name?: string })?.name === 'QueryFailedError' ? (exception as { code?: string }).code : undefined);
  if (pgCode && PG_CLIENT_ERRORS[pgCode]) {
    const [status, detail, code] = PG_CLIENT_ERRORS[pgCode];
    return { problem: problem(status, detail, undefined, code), headers };
  }
  if (isUnavailable(exception)) {
    return { problem: problem(HttpStatus.SERVICE_UNAVAILABLE, 'a service this request needs is unavailable; retry shortly'), headers: { 'retry-after': '1' } };
  }
  const fe = exception as FastifyLikeError;
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) return { problem: problem(413, 'the request body is too large'), headers };
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
      return { problem: problem(415, 'the content type is not supported here'), headers };
    }
    if (fe.statusCode === 400) return { problem: problem(400, 'the request body is not valid JSON', undefined, 'invalid_json'), headers };
    return { problem: problem(fe.statusCode, fe.message ?? 'bad request'), headers };
  }
  return { problem: problem(HttpStatus.INTERNAL_SERVER_ERROR, 'an unexpected error occurred'), headers };
}

export type ProblemLanguage = 'id' | 'en';

/** The caller's language for problem texts: the best of id/en in Accept-Language (`in` is the old code of id); en otherwise. */
export function problemLanguage(acceptLanguage: string | string[] | undefined): ProblemLanguage {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  let best: { language: ProblemLanguage; q: number } | null = null;
  for (const range of header.split(',')) {
    const [tag, ...params] = range.trim().toLowerCase().split(';');
    const primary = tag.split('-')[0];
    const language: ProblemLanguage | null = primary === 'id' || primary === 'in' ? 'id' : primary === 'en' ? 'en' : null;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (language && Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { language, q };
  }
  return best?.language ?? 'en';
}

/**
 * The problem in the caller's language. Field errors that carry their message in each language answer with the
 * caller's as `message` (the per-language texts are not sent); when every field error is localised, so is the
 * detail. Otherwise an Indonesian caller gets the catalogue's text of the code as `detail` (params fill its
 * placeholders; `{fields}` and `{count}` come from the field errors), and an English one keeps the specific English
 * detail the error was raised with.
 */
export function localiseProblem(p: Problem, language: ProblemLanguage, params?: ProblemParams): Problem {
  const code = isProblemCode(p.code) ? p.code : problemCodeOfStatus(p.status);
  if (!p.errors?.some((e) => e.messages)) {
    if (language === 'en') return { ...p, code };
    const fields = [...new Set((p.errors ?? []).map((e) => e.field))];
    const all = { fields: fields.join(', '), count: p.errors?.length ?? 0, ...params };
    return { ...p, code, detail: problemText(code, language, all) };
  }
  const errors = p.errors.map(({ messages, ...e }) => (messages ? { ...e, message: messages[language] } : e));
  const allLocalised = p.errors.every((e) => e.messages);
  const detail = !allLocalised
    ? language === 'id'
      ? problemText(code, language, { fields: [...new Set(errors.map((e) => e.field))].join(', '), count: errors.length, ...params })
      : p.detail
    : errors.length === 1
      ? `${errors[0].field} ${errors[0].message}`
      : language === 'id'
        ? `${errors.length} isian tidak valid`
        : `${errors.length} fields are invalid`;
  return { ...p, code, detail, errors };
}
