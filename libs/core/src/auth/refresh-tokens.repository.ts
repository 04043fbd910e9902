import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface RefreshRow {
  id: string;
  userId: string;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager | undefined,
    row: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
  ): Promise<string> {
    const rows: { id: string }[] = await (manager ?? this.dataSource.manager).query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [row.userId, row.familyId, row.tokenHash, row.expiresAt],
    );
    return rows[0].id;
  }

  async find(id: string): Promise<RefreshRow | null> {
    const rows = await this.dataSource.query(
      `SELECT id, user_id AS "userId", family_id AS "familyId", token_hash AS "tokenHash", expires_at AS "expiresAt",
              used_at AS "usedAt", revoked_at AS "revokedAt"
         FROM refresh_tokens WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Marks the token used if, and only if, it is still fresh: one winner under concurrent refreshes. */
  async consume(manager: EntityManager, id: string): Promise<boolean> {
    const [, affected] = await manager.query(
      `UPDATE refresh_tokens SET used_at = now()
        WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()`,
      [id],
    );
    return affected === 1;
  }

  async revokeFamily(familyId: string): Promise<number> {
    const [, affected] = await this.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
    return affected;
  }
}
