import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type IdempotencyBegin =
  | { outcome: 'new' }
  | { outcome: 'replay'; status: number; body: unknown; contentType: string | null }
  | { outcome: 'in_progress' }
  | { outcome: 'mismatch' };

const TTL_HOURS = 24;

/** Durable memory of POSTs carrying an Idempotency-Key, in PostgreSQL so it survives restarts and is shared by replicas. */
@Injectable()
export class IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {}

  async begin(scopeHash: string, requestHash: string): Promise<IdempotencyBegin> {
    // An expired record is taken over as if it did not exist.
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (scope_hash, request_hash, state, expires_at)
       VALUES ($1, $2, 'in_progress', now() + make_interval(hours => ${TTL_HOURS}))
       ON CONFLICT (scope_hash) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, state = 'in_progress', response_status = NULL,
             response_body = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at <= now()
       RETURNING scope_hash`,
      [scopeHash, requestHash],
    );
    if (claimed.length === 1) return { outcome: 'new' };
    const rows = await this.dataSource.query(
      `SELECT request_hash AS "requestHash", state, response_status AS "status", response_body AS "body",
              response_content_type AS "contentType"
         FROM idempotency_keys WHERE scope_hash = $1`,
      [scopeHash],
    );
    const row = rows[0];
    if (!row) return this.begin(scopeHash, requestHash);
    if (row.requestHash !== requestHash) return { outcome: 'mismatch' };
    if (row.state !== 'completed') return { outcome: 'in_progress' };
    return { outcome: 'replay', status: row.status, body: row.body, contentType: row.contentType };
  }

  async complete(scopeHash: string, status: number, body: unknown, contentType: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = $2, response_body = $3::jsonb, response_content_type = $4
        WHERE scope_hash = $1`,
      [scopeHash, status, JSON.stringify(body ?? null), contentType],
    );
  }

  /** Forgets a request that failed on the server's side, so the client may retry it with the same key. */
  async abandon(scopeHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE scope_hash = $1 AND state = 'in_progress'`, [scopeHash]);
  }

  async purgeExpired(): Promise<number> {
    const [, n] = await this.dataSource.query(`DELETE FROM idempotency_keys WHERE expires_at <= now()`);
    return n;
  }
}
