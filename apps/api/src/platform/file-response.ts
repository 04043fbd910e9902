import { applyDecorators, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Readable } from 'node:stream';
import { stripUnsafeNameChars } from '@ksbb/core';

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
    disposition: contentDisposition(file.disposition, file.name),
    ...(length !== undefined ? { length } : {}),
  };
  return Buffer.isBuffer(body) ? new StreamableFile(body, options) : new StreamableFile(body, options);
}

/** RFC 8187 attr-char: what may stay unencoded in `filename*`. */
const attrChar = /[A-Za-z0-9!#$&+\-.^_`|~]/;

/**
 * A Content-Disposition value (RFC 6266) for a file name given as it is (never pre-encoded): `filename="…"` alone
 * when the name is printable ASCII, else an ASCII fallback plus `filename*=UTF-8''…` with the name percent-encoded
 * once. Control and bidi characters are dropped first.
 */
export function contentDisposition(disposition: 'inline' | 'attachment', name: string): string {
  const clean = stripUnsafeNameChars(name).normalize('NFC').trim() || 'file';
  const fallback = [...clean].map((ch) => (/[\x20-\x7e]/.test(ch) && ch !== '"' && ch !== '\\' ? ch : '_')).join('');
  if (fallback === clean) return `${disposition}; filename="${fallback}"`;
  const encoded = [...Buffer.from(clean, 'utf8')]
    .map((byte) => {
      const ch = String.fromCharCode(byte);
      return byte < 0x80 && attrChar.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
