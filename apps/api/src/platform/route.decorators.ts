import { applyDecorators, HttpCode, Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { UnsupportedMediaTypeError } from '@ksbb/core';
import { UploadBody } from './body-limits';
import { BulkResponse } from './bulk';
import { ApiIdempotent, ApiProblems } from './openapi.decorators';
import { openUpload, UploadStream } from './upload';

// Each list below is in the order stacked decorators on a route would run (bottom up), so a route's OpenAPI document
// is the same as with the decorators written out one by one.

/** The OpenAPI operation of a route: its stable id (the admin client's name for it), a summary and the details. */
export interface RouteDoc {
  operationId: string;
  summary: string;
  description: string;
}

/**
 * A POST that moves one resource from one status to another and answers it as it now is: 200 (not 201),
 * idempotent, 404 when the resource is not visible, 409 from a status the move does not start from. The roles, and
 * `@ApiIfMatch()` where the route takes If-Match, stay on the route (below this decorator, so the document lists
 * If-Match before Idempotency-Key as it always has).
 */
export function ApiStateChange(ok: { type: Type<unknown>; description?: string }, doc: RouteDoc): MethodDecorator {
  return applyDecorators(ApiOperation(doc), ApiProblems(400, 404, 409), ApiOkResponse(ok), ApiIdempotent(), HttpCode(200));
}

/**
 * A bulk POST over a list of ids (`runBulk`): 200 with one result per id even when some fail, 400 only when the list
 * itself is unusable.
 */
export function ApiBulk(doc: RouteDoc): MethodDecorator {
  return applyDecorators(
    ApiOperation(doc),
    ApiProblems(400),
    ApiOkResponse({ type: BulkResponse, description: 'one result per id, in the order of the request' }),
    ApiIdempotent(),
    HttpCode(200),
  );
}

/**
 * A CSV import: the body (text/csv) or a multipart "file" part streamed into the parser (`openCsvUpload`), up to
 * IMPORT_BODY_LIMIT_BYTES; idempotent; 201 with `type`; 413 when too large, 415 for another content type.
 */
export function ApiCsvImport(body: string, type: Type<unknown>, doc: RouteDoc): MethodDecorator {
  return applyDecorators(
    ApiOperation(doc),
    ApiProblems(400, 413, 415),
    ApiCreatedResponse({ type }),
    ApiBody({ description: body, schema: { type: 'string' } }),
    ApiConsumes('text/csv', 'multipart/form-data'),
    ApiIdempotent(),
    UploadBody({ stream: true }),
  );
}

/**
 * The uploaded CSV of an `@ApiCsvImport` route as a stream; 415 when it is declared as something else than CSV
 * (text/plain and octet-stream pass, as spreadsheets and browsers send them, and so does any `.csv` file name).
 * `what` names the rows in the 415's text ("the needs").
 */
export async function openCsvUpload(request: FastifyRequest, what: string): Promise<UploadStream> {
  const upload = await openUpload(request, request.routeOptions.bodyLimit);
  const isCsv = /csv|text\/plain|octet-stream/.test(upload.mimetype) || /\.csv$/i.test(upload.filename ?? '');
  if (!isCsv) throw new UnsupportedMediaTypeError(`send ${what} as text/csv, or as a CSV "file" part of a multipart form`);
  return upload;
}
