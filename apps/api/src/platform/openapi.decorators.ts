import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CODES, ProblemCode } from '@ksbb/core';
import { Problem, problem } from './problem';

export class FieldErrorDto {
  @ApiProperty({ example: 'quantity' }) field: string;
  @ApiProperty({ example: 'must be a positive integer', description: "in the caller's language (Accept-Language: id or en) when the error has a code" })
  message: string;
  @ApiPropertyOptional({
    example: 'password_too_weak',
    enum: PROBLEM_CODES,
    enumName: 'ProblemCode',
    description:
      'a stable reason, on some errors: password_too_weak, email_zero_width, email_bidi_control, ' +
      'email_control_character, email_mixed_script, email_invalid',
  })
  code?: ProblemCode;
}

/** RFC 9457 problem details, the body of every error. */
export class ProblemDto {
  @ApiProperty({ example: 'https://ksbb.jakarta.go.id/problems/conflict' }) type: string;
  @ApiProperty({ example: 'Conflict' }) title: string;
  @ApiProperty({ example: 409 }) status: number;
  @ApiProperty({
    example: 'insufficient_quantity',
    enum: PROBLEM_CODES,
    enumName: 'ProblemCode',
    description:
      'A stable, machine-readable reason on every problem (not_found, conflict, unauthenticated, forbidden, ' +
      'validation_failed, rate_limited, invalid_json, invalid_credentials, session_ended, need_not_claimable, ' +
      'insufficient_quantity, …). Clients show their own text for it; `detail` is for people and may change.',
  })
  code: ProblemCode;
  @ApiProperty({
    example: 'only 2 left on the need; 5 requested',
    description:
      "In the caller's language (Accept-Language: id or en, English by default): Indonesian from the code's " +
      'catalogue text, English the specific text of the error.',
  })
  detail: string;
  @ApiPropertyOptional({ example: '/api/v1/allocations' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid body or query (unknown fields are rejected)',
  401: 'No or bad credentials',
  403: 'Authenticated but not allowed',
  404: 'Not found, or not visible to the caller',
  409: 'State conflict: wrong lifecycle state, not enough quantity left, or an idempotent request still in flight',
  412: 'The If-Match version is stale',
  413: 'Payload too large: the body exceeds the route\'s limit (JSON_BODY_LIMIT_BYTES, imports IMPORT_BODY_LIMIT_BYTES)',
  415: 'Unsupported content type',
  422: 'Idempotency-Key reused with a different body',
  429: 'Rate limited; see Retry-After',
  431: 'The request line and headers exceed 16 KB',
  503: 'A dependency is unavailable',
};

/** A typical detail of each status, for the documented examples (the real text names the actual cause). */
const EXAMPLE_CODES: Record<number, ProblemCode> = {
  400: 'validation_failed',
  401: 'session_ended',
  409: 'insufficient_quantity',
  429: 'rate_limited',
};

const EXAMPLE_DETAILS: Record<number, string> = {
  400: 'quantity must be a positive integer',
  401: 'the session has ended (signed out, or the account was changed); sign in again',
  403: 'your role may not do this',
  404: 'need 6f1c2a4e-8b1d-4c3e-9f2a-1b2c3d4e5f60 was not found',
  409: 'only 2 left on the need; 5 requested',
  412: 'the resource changed since you read it (version 3); read it again',
  413: 'the request body is too large',
  415: 'the content type is not supported here',
  422: 'this Idempotency-Key was used with a different request body',
  429: 'too many requests; slow down',
  431: 'the request line and headers exceed 16 KB',
  503: 'a service this request needs is unavailable; retry shortly',
};

/** An example problem body of a status, as the problem filter writes it. */
export function problemExample(status: number): Problem {
  return {
    ...problem(status, EXAMPLE_DETAILS[status] ?? 'an error occurred', undefined, EXAMPLE_CODES[status]),
    instance: '/api/v1/needs/6f1c2a4e-8b1d-4c3e-9f2a-1b2c3d4e5f60',
    ...(status === 400 ? { errors: [{ field: 'quantity', message: 'must be a positive integer' }] } : {}),
  };
}

/** The documented problem+json response of a status, with an example body. */
export const problemResponse = (
  status: number,
): { description: string; content: Record<string, { schema: { $ref: string }; example: Problem }> } => ({
  description: DESCRIPTIONS[status] ?? 'Error',
  content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) }, example: problemExample(status) } },
});

/** Documents the problem+json error responses a route can give. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })));
}

export class PageMetaDto {
  @ApiProperty({ example: 123 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) limit: number;
}

/** `{ data: T[], meta }` for a paginated list of `model`. */
export function ApiPage(model: Type<unknown>): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(PageMetaDto, model),
    ApiOkResponse({
      schema: {
        type: 'object',
        required: ['data', 'meta'],
        properties: {
          data: { type: 'array', items: { $ref: getSchemaPath(model) } },
          meta: { $ref: getSchemaPath(PageMetaDto) },
        },
      },
    }),
  );
}

/** Every POST takes an optional Idempotency-Key (a malformed one is a 400). */
export const ApiIdempotent = (): MethodDecorator =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Replays the first response for 24 h when the same key and body are sent again',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_\\-:.]{1,200}$' },
    }),
    ApiProblems(400, 409, 422),
  );

export const ApiIfMatch = (): MethodDecorator =>
  applyDecorators(
    ApiHeader({ name: 'If-Match', required: false, description: 'The version you read, e.g. "3"; 412 when stale' }),
    ApiProblems(412),
  );
