import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * Where uploaded documents live. Keys are made by the server (`newStorageKey`), never taken from user input, so a
 * driver can map them onto paths or object names without escaping.
 */
export abstract class FileStorage {
  abstract put(key: string, content: Buffer): Promise<void>;
  abstract get(key: string): Promise<Buffer>;
  abstract stream(key: string): Readable;
  /** Removes the object; a missing object is not an error. */
  abstract delete(key: string): Promise<void>;
}

/** `{namespace}/{uuid}`: `namespace` is a fixed, code-given word such as `handovers`. */
const KEY = /^[a-z][a-z0-9-]{0,39}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function newStorageKey(namespace: string): string {
  const key = `${namespace}/${randomUUID()}`;
  assertStorageKey(key);
  return key;
}

export function assertStorageKey(key: string): void {
  if (!KEY.test(key)) throw new Error('invalid storage key');
}
