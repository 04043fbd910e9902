import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A stored Idempotency-Key record. */
export interface IdempotencyRecord {
  requestHash: string;
  state: string;
  status: number;
  body: unknown;
  contentType: string | null;
}

/** The `idempotency_keys` table. */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Claims the key for this request: true when it was free or its record had expired (an expired one is taken over). */
  async claim(scopeHash: string, requestHash: string, ttlHours: number): Promise<boolean> {
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (scope_hash, request_hash, state, expires_at)
       VALUES ($1, $2, 'in_progress', now() + make_interval(hours => ${ttlHours}))
       ON CONFLICT (scope_hash) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, state = 'in_progress', response_status = NULL,
             response_body = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at <= now()
       RETURNING scope_hash`,
      [scopeHash, requestHash],
    );
    return claimed.length === 1;
  }

  async find(scopeHash: string): Promise<IdempotencyRecord | null> {
    const rows = await this.dataSource.query(
      `SELECT request_hash AS "requestHash", state, response_status AS "status", response_body AS "body",
              response_content_type AS "contentType"
         FROM idempotency_keys WHERE scope_hash = $1`,
      [scopeHash],
    );
    return rows[0] ?? null;
  }

  async complete(scopeHash: string, status: number, body: unknown, contentType: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = $2, response_body = $3::jsonb, response_content_type = $4
        WHERE scope_hash = $1`,
      [scopeHash, status, JSON.stringify(body ?? null), contentType],
    );
  }

  async deleteInProgress(scopeHash: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE scope_hash = $1 AND state = 'in_progress'`,
      [scopeHash],
    );
  }

  /** Deletes the expired records; returns how many. */
  async deleteExpired(): Promise<number> {
    const [, n] = await this.dataSource.query(`DELETE FROM idempotency_keys WHERE expires_at <= now()`);
    return n;
  }
}
