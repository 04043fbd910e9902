import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { NotFoundError, UnauthenticatedError } from '../common/domain-errors';
import { hmacSha256Hex, safeEqualHex } from '../common/hashing';
import type { Principal } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { ApiKey } from './api-key.entity';

export interface IssuedApiKey {
  id: string;
  key: string;
  prefix: string;
  name: string;
  createdAt: Date;
}

/** Keys look like `ksbb_<prefix>_<secret>`; the prefix finds the row, the peppered HMAC of the whole key proves it. */
@Injectable()
export class ApiKeysService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async issue(aggregatorId: string, name: string, createdBy: string | null): Promise<IssuedApiKey> {
    const prefix = randomBytes(6).toString('hex');
    const key = `ksbb_${prefix}_${randomBytes(24).toString('base64url')}`;
    return this.uow.run(async (tx) => {
      const exists = await tx.manager.query(`SELECT 1 FROM aggregators WHERE id = $1`, [aggregatorId]);
      if (exists.length === 0) throw new NotFoundError('aggregator', aggregatorId);
      const [row] = await tx.manager.query(
        `INSERT INTO api_keys (aggregator_id, name, prefix, key_hash, created_by) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, created_at AS "createdAt"`,
        [aggregatorId, name, prefix, this.hash(key), createdBy],
      );
      await tx.audit({ action: 'api_key.created', entity: 'api_key', entityId: row.id, after: { aggregatorId, name, prefix } });
      return { id: row.id, key, prefix, name, createdAt: row.createdAt };
    });
  }

  async list(aggregatorId: string): Promise<ApiKey[]> {
    return this.dataSource.getRepository(ApiKey).find({ where: { aggregatorId }, order: { createdAt: 'DESC' } });
  }

  async revoke(id: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const [rows, affected] = await tx.manager.query(
        `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING aggregator_id AS "aggregatorId", prefix`,
        [id],
      );
      if (affected === 0) throw new NotFoundError('api key', id);
      await tx.audit({ action: 'api_key.revoked', entity: 'api_key', entityId: id, after: rows[0] });
    });
  }

  /** Resolves an `X-API-Key` to its aggregator principal, or throws 401. */
  async authenticate(key: string): Promise<Principal> {
    const m = /^ksbb_([0-9a-f]{12})_[A-Za-z0-9_-]{20,}$/.exec(key);
    if (!m) throw new UnauthenticatedError('the API key is invalid');
    const rows: { id: string; aggregatorId: string; keyHash: string; status: string }[] = await this.dataSource.query(
      `SELECT k.id, k.aggregator_id AS "aggregatorId", k.key_hash AS "keyHash", a.status
         FROM api_keys k JOIN aggregators a ON a.id = k.aggregator_id
        WHERE k.prefix = $1 AND k.revoked_at IS NULL`,
      [m[1]],
    );
    const row = rows[0];
    if (!row || !safeEqualHex(row.keyHash, this.hash(key)) || row.status !== 'active') {
      throw new UnauthenticatedError('the API key is invalid');
    }
    void this.dataSource
      .query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [row.id])
      .catch(() => undefined);
    return { kind: 'api_key', id: row.id, role: 'aggregator', collaboratorId: null, aggregatorId: row.aggregatorId };
  }

  private hash(key: string): string {
    return hmacSha256Hex(this.config.API_KEY_PEPPER, key);
  }
}
