import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/** A serialized public response and its weak validator. */
export interface Snapshot {
  json: string;
  /** the JSON as UTF-8 bytes, encoded once rather than on every response */
  body: Buffer;
  etag: string;
}

/** How long one rendering of a public response is served before it is computed again. */
export const SNAPSHOT_TTL_MS = 5_000;
const MAX_ENTRIES = 500;

/**
 * Serialized public responses, each kept a few seconds and computed once however many requests arrive at the
 * same moment (concurrent misses share one computation). Together with `max-age=30` a changed number is public
 * within about 35 seconds, and a burst of map requests costs one query, not one per request.
 */
@Injectable()
export class PublicSnapshots {
  private readonly entries = new Map<string, { at: number; value: Promise<Snapshot> }>();

  get(key: string, compute: () => Promise<unknown>, ttlMs = SNAPSHOT_TTL_MS): Promise<Snapshot> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < ttlMs) return hit.value;
    const value = compute().then((body) => snapshotOf(body));
    this.entries.set(key, { at: now, value });
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > MAX_ENTRIES) this.evictExpired(now, ttlMs);
    return value;
  }

  private evictExpired(now: number, ttlMs: number): void {
    for (const [key, entry] of this.entries) if (now - entry.at >= ttlMs) this.entries.delete(key);
    // Still full (many distinct queries within one TTL): drop the oldest.
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }
}

export function snapshotOf(body: unknown): Snapshot {
  const json = JSON.stringify(body);
  const digest = createHash('sha1').update(json).digest('base64url').slice(0, 22);
  return { json, body: Buffer.from(json), etag: `W/"${digest}"` };
}
