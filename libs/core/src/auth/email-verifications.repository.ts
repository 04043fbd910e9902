import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface VerificationTokenRow {
  id: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
}

/** The SQL of email verification: its tokens (hashes only) and the user's `email_verified_at`. */
@Injectable()
export class EmailVerificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, row: { id: string; userId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await manager.query(
      `INSERT INTO email_verification_tokens (id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`,
      [row.id, row.userId, row.tokenHash, row.expiresAt],
    );
  }

  /** Earlier links stop working when a new one is sent. */
  async expireOpen(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `UPDATE email_verification_tokens SET expires_at = now() WHERE user_id = $1 AND used_at IS NULL AND expires_at > now()`,
      [userId],
    );
  }

  async findByHash(tokenHash: string): Promise<VerificationTokenRow | null> {
    const rows: VerificationTokenRow[] = await this.dataSource.query(
      `SELECT id, user_id AS "userId", expires_at AS "expiresAt", used_at AS "usedAt"
         FROM email_verification_tokens WHERE token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** Spends the token (once, while unexpired) and marks its user verified; false when it was spent or ran out meanwhile. */
  async consume(manager: EntityManager, id: string): Promise<string | null> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount]
    const [rows] = (await manager.query(
      `UPDATE email_verification_tokens SET used_at = now()
        WHERE id = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING user_id AS "userId"`,
      [id],
    )) as [{ userId: string }[], number];
    if (!rows[0]) return null;
    await manager.query(`UPDATE users SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1`, [rows[0].userId]);
    return rows[0].userId;
  }

  async isVerified(manager: EntityManager | undefined, userId: string): Promise<boolean> {
    const rows: { verified: boolean }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE id = $1`,
      [userId],
    );
    return rows[0]?.verified ?? false;
  }

  /** Links sent to the user within the last `seconds`, and how long ago the newest was (seconds). */
  async recent(userId: string, seconds: number): Promise<{ count: number; newestAgeSeconds: number | null }> {
    const [row]: { count: number; newest: number | null }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count, extract(epoch FROM now() - max(created_at))::float AS newest
         FROM email_verification_tokens WHERE user_id = $1 AND created_at > now() - make_interval(secs => $2)`,
      [userId, seconds],
    );
    return { count: row.count, newestAgeSeconds: row.newest };
  }
}
