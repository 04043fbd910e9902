import { createHash } from 'node:crypto';

/** Fixed namespace of every id the seed derives; never change it, or re-seeding creates duplicates. */
export const SEED_NAMESPACE = '65527219-d6b3-464e-86e1-b636e58e2612';

/**
 * A name-based UUID (RFC 9562 version 5: SHA-1 of namespace + name). The same key always yields the same id,
 * which is what lets `INSERT ... ON CONFLICT (id) DO NOTHING` make re-seeding a no-op.
 */
export function deterministicUuid(key: string, namespace: string = SEED_NAMESPACE): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(namespaceBytes).update(key, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An integer in [min, max] from md5(key): a stable stand-in for Math.random in seed data. */
export function deterministicInt(key: string, min: number, max: number): number {
  const value = createHash('md5').update(key, 'utf8').digest().readUInt32BE(0);
  return min + (value % (max - min + 1));
}
