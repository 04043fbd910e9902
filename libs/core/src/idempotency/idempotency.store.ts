import { Injectable } from '@nestjs/common';
import { IdempotencyRepository } from './idempotency.repository';

export type IdempotencyBegin =
  | { outcome: 'new' }
  | { outcome: 'replay'; status: number; body: unknown; contentType: string | null }
  | { outcome: 'in_progress' }
  | { outcome: 'mismatch' };

const TTL_HOURS = 24;

/** Durable memory of POSTs carrying an Idempotency-Key, in PostgreSQL so it survives restarts and is shared by replicas. */
@Injectable()
export class IdempotencyStore {
  constructor(private readonly records: IdempotencyRepository) {}

  async begin(scopeHash: string, requestHash: string): Promise<IdempotencyBegin> {
    // An expired record is taken over as if it did not exist.
    if (await this.records.claim(scopeHash, requestHash, TTL_HOURS)) return { outcome: 'new' };
    const row = await this.records.find(scopeHash);
    if (!row) return this.begin(scopeHash, requestHash);
    if (row.requestHash !== requestHash) return { outcome: 'mismatch' };
    if (row.state !== 'completed') return { outcome: 'in_progress' };
    return { outcome: 'replay', status: row.status, body: row.body, contentType: row.contentType };
  }

  complete(scopeHash: string, status: number, body: unknown, contentType: string): Promise<void> {
    return this.records.complete(scopeHash, status, body, contentType);
  }

  /** Forgets a request that failed on the server's side, so the client may retry it with the same key. */
  abandon(scopeHash: string): Promise<void> {
    return this.records.deleteInProgress(scopeHash);
  }

  purgeExpired(): Promise<number> {
    return this.records.deleteExpired();
  }
}
