import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ApiKey } from './api-key.entity';

export interface NewApiKey {
  aggregatorId: string;
  name: string;
  prefix: string;
  keyHash: string;
  createdBy: string | null;
}

/** An unrevoked key found by its prefix, with the status of its aggregator. */
export interface ApiKeyCandidate {
  id: string;
  aggregatorId: string;
  keyHash: string;
  status: string;
}

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  async aggregatorExists(manager: EntityManager, aggregatorId: string): Promise<boolean> {
    const exists = await manager.query(`SELECT 1 FROM aggregators WHERE id = $1`, [aggregatorId]);
    return exists.length > 0;
  }

  async insert(manager: EntityManager, key: NewApiKey): Promise<{ id: string; createdAt: Date }> {
    const [row] = await manager.query(
      `INSERT INTO api_keys (aggregator_id, name, prefix, key_hash, created_by) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, created_at AS "createdAt"`,
      [key.aggregatorId, key.name, key.prefix, key.keyHash, key.createdBy],
    );
    return row;
  }

  list(aggregatorId: string): Promise<ApiKey[]> {
    return this.dataSource
      .getRepository(ApiKey)
      .find({ where: { aggregatorId }, order: { createdAt: 'DESC' } });
  }

  /** Revokes the key (once: a second call keeps the first time); null when there is no such key. */
  async revoke(manager: EntityManager, id: string): Promise<{ aggregatorId: string; prefix: string } | null> {
    const [rows, affected] = await manager.query(
      `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING aggregator_id AS "aggregatorId", prefix`,
      [id],
    );
    return affected === 0 ? null : rows[0];
  }

  async findActiveByPrefix(prefix: string): Promise<ApiKeyCandidate | null> {
    const rows: ApiKeyCandidate[] = await this.dataSource.query(
      `SELECT k.id, k.aggregator_id AS "aggregatorId", k.key_hash AS "keyHash", a.status
         FROM api_keys k JOIN aggregators a ON a.id = k.aggregator_id
        WHERE k.prefix = $1 AND k.revoked_at IS NULL`,
      [prefix],
    );
    return rows[0] ?? null;
  }

  /** Records the use at most once a minute per key, so a busy key does not write on every request. */
  async touchLastUsed(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
