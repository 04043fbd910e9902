import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { InvalidInputError, PayloadTooLargeError, UnsupportedMediaTypeError } from '@ksbb/core';

export interface Upload {
  content: Buffer;
  /** the declared content type (of the multipart part, or of the body) */
  mimetype: string;
  filename: string | null;
}

/**
 * Reads an uploaded document sent either as the raw body (`text/csv`, `application/geo+json`, …) or as the `file`
 * part of a multipart form. Enforces the size limit while streaming.
 */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'multipart/form-data') {
    let part;
    try {
      part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
    } catch {
      throw new InvalidInputError('the multipart body could not be read', { code: 'file_unreadable' });
    }
    if (!part) throw new InvalidInputError('a "file" part is required', { code: 'file_required', errors: [{ field: 'file', message: 'is required' }] });
    const content = await part.toBuffer().catch((e: { code?: string }) => {
      if (e?.code === 'FST_REQ_FILE_TOO_LARGE') throw new PayloadTooLargeError(`the file is larger than ${maxBytes} bytes`, { code: 'file_too_large' });
      throw new InvalidInputError('the file could not be read', { code: 'file_unreadable' });
    });
    if (part.file.truncated) throw new PayloadTooLargeError(`the file is larger than ${maxBytes} bytes`, { code: 'file_too_large' });
    return { content, mimetype: part.mimetype, filename: part.filename ?? null };
  }
  const body = request.body;
  if (typeof body === 'string') return { content: Buffer.from(body), mimetype: type, filename: null };
  if (Buffer.isBuffer(body)) return { content: body, mimetype: type, filename: null };
  if (body && typeof body === 'object' && type.includes('json')) {
    return { content: Buffer.from(JSON.stringify(body)), mimetype: type, filename: null };
  }
  throw new UnsupportedMediaTypeError(`send the document as the body or as a multipart "file" part, not as ${type || 'nothing'}`);
}

export interface UploadStream {
  content: Readable;
  mimetype: string;
  filename: string | null;
}

/**
 * The document as a stream, never whole in memory: a raw body that the route's parser left a stream (@UploadBody
 * with `stream`), or the `file` part of a multipart form (which fails with 413 past `maxBytes`).
 */
export async function openUpload(request: FastifyRequest, maxBytes: number): Promise<UploadStream> {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'multipart/form-data') {
    let part;
    try {
      part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
    } catch {
      throw new InvalidInputError('the multipart body could not be read', { code: 'file_unreadable' });
    }
    if (!part) throw new InvalidInputError('a "file" part is required', { code: 'file_required', errors: [{ field: 'file', message: 'is required' }] });
    return { content: part.file, mimetype: part.mimetype, filename: part.filename ?? null };
  }
  const body = request.body;
  if (body instanceof Readable) return { content: body, mimetype: type, filename: null };
  if (typeof body === 'string' || Buffer.isBuffer(body)) return { content: Readable.from([Buffer.from(body)]), mimetype: type, filename: null };
  throw new UnsupportedMediaTypeError(`send the document as the body or as a multipart "file" part, not as ${type || 'nothing'}`);
}
