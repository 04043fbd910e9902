import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { Injectable, Optional } from '@nestjs/common';
import { RollupVersion } from '../rollups/rollup-version';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export type ContentCoding = 'br' | 'gzip';

/** A serialized public response, its strong validator and its pre-compressed forms. */
export interface Snapshot {
  json: string;
  /** the JSON as UTF-8 bytes, encoded once rather than on every response */
  body: Buffer;
  /** strong validator of the identity body; a compressed form's is this with `-br`/`-gzip` inside the quotes */
  etag: string;
  /** the body compressed once (absent for bodies too small to gain from it) */
  encoded: Partial<Record<ContentCoding, Buffer>>;
}

/** How long a response not built from the rollups alone is served before it is computed again. */
export const SNAPSHOT_TTL_MS = 5_000;
/** The longest a body held for a rollup version is served without a change being seen (a safety net). */
export const HELD_MAX_MS = 60_000;
/** Bodies below this are sent as they are. */
const COMPRESS_MIN_BYTES = 200;
const MAX_ENTRIES = 500;

interface Entry {
  at: number;
  /** the rollup version it was built from; undefined: kept for the TTL only */
  version?: number;
  value: Promise<Snapshot>;
  /** the snapshot, once computed (what `peek` answers without a promise) */
  settled?: Snapshot;
}

/** How a body is held: for the TTL (`ttlMs`, default SNAPSHOT_TTL_MS), or until the rollups change (`rollups`). */
export interface HoldOptions {
  ttlMs?: number;
  rollups?: boolean;
}

/**
 * Serialized (and compressed) public responses, computed once however many requests arrive at the same moment
 * (concurrent misses share one computation), keyed by whatever the caller puts in the key (program, level, dates…).
 * - `get(key, compute)`: kept SNAPSHOT_TTL_MS (lists that read base tables);
 * - `get(key, compute, { rollups: true })`: built from the rollups alone, held until the rollups change — a fold here
 *   or in any other process (RollupVersion) — or HELD_MAX_MS, whichever comes first.
 * With `max-age=30` a changed number is public within about 35 seconds either way.
 */
@Injectable()
export class PublicSnapshots {
  private readonly entries = new Map<string, Entry>();

  constructor(@Optional() private readonly rollups?: RollupVersion) {}

  get(key: string, compute: () => Promise<unknown>, options: HoldOptions = {}): Promise<Snapshot> {
    const now = Date.now();
    const version = this.versionFor(options);
    const hit = this.entries.get(key);
    if (hit && this.fresh(hit, now, version, options)) return hit.value;
    const value = compute().then((body) => compressedSnapshotOf(body));
    const entry: Entry = { at: now, version, value };
    this.entries.set(key, entry);
    value.then(
      (snapshot) => {
        entry.settled = snapshot;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    if (this.entries.size > MAX_ENTRIES) this.evict(now);
    return value;
  }

  /**
   * The body `get` would answer for `key` right now, if it is already computed; undefined when it is not held, is
   * still being computed, or is stale. Never computes and never waits (the API's fast path for public snapshots
   * answers a hit with it and leaves everything else to the route, which calls `get`).
   */
  peek(key: string, options: HoldOptions = {}): Snapshot | undefined {
    const hit = this.entries.get(key);
    if (!hit?.settled) return undefined;
    return this.fresh(hit, Date.now(), this.versionFor(options), options) ? hit.settled : undefined;
  }

  /** Forgets every body (tests, and after a bulk change outside the rollups). */
  clear(): void {
    this.entries.clear();
  }

  private versionFor(options: HoldOptions): number | undefined {
    return options.rollups && this.rollups ? this.rollups.current() : undefined;
  }

  private fresh(entry: Entry, now: number, version: number | undefined, options: HoldOptions): boolean {
    const ttlMs = version === undefined ? (options.ttlMs ?? SNAPSHOT_TTL_MS) : HELD_MAX_MS;
    return now - entry.at < ttlMs && entry.version === version;
  }

  private evict(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.at >= (entry.version === undefined ? SNAPSHOT_TTL_MS : HELD_MAX_MS)) this.entries.delete(key);
    }
    // Still full (many distinct queries): drop the oldest.
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }
}

export function snapshotOf(body: unknown): Snapshot {
  const json = JSON.stringify(body);
  const digest = createHash('sha1').update(json).digest('base64url').slice(0, 22);
  return { json, body: Buffer.from(json), etag: `"${digest}"`, encoded: {} };
}

/** snapshotOf, with gzip and brotli forms made once (off the event loop, in libuv's pool). */
export async function compressedSnapshotOf(body: unknown): Promise<Snapshot> {
  const snapshot = snapshotOf(body);
  if (snapshot.body.length < COMPRESS_MIN_BYTES) return snapshot;
  const [gz, br] = await Promise.all([
    gzipAsync(snapshot.body, { level: 6 }),
    brotliAsync(snapshot.body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 6,
        [constants.BROTLI_PARAM_SIZE_HINT]: snapshot.body.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
  ]);
  snapshot.encoded = { gzip: gz, br };
  return snapshot;
}
