import { applyDecorators, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Readable } from 'node:stream';

/** Documents a route that answers a file (binary) of one of `types`. */
export const ApiFile = (description: string, ...types: string[]): MethodDecorator =>
  applyDecorators(
    ApiProduces(...types),
    ApiOkResponse({ description, schema: { type: 'string', format: 'binary' } }),
  );

/**
 * A file answer: `inline` (the browser shows it: forms, BASTs) or `attachment` (downloaded), with its type, name
 * and, when known, length.
 */
export function fileResponse(
  body: Buffer | Readable,
  file: { type: string; name: string; disposition: 'inline' | 'attachment'; length?: number | null },
): StreamableFile {
  const length = file.length ?? (Buffer.isBuffer(body) ? body.length : undefined);
  const options = {
    type: file.type,
    disposition: `${file.disposition}; filename="${file.name}"`,
    ...(length !== undefined ? { length } : {}),
  };
  return Buffer.isBuffer(body) ? new StreamableFile(body, options) : new StreamableFile(body, options);
}
