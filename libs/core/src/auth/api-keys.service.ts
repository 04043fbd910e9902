import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/config';
import { NotFoundError, UnauthenticatedError } from '../common/domain-errors';
import { hmacSha256Hex, safeEqualHex } from '../common/hashing';
import type { Principal } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { ApiKey } from './api-key.entity';
import { ApiKeysRepository } from './api-keys.repository';

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
    private readonly keys: ApiKeysRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async issue(aggregatorId: string, name: string, createdBy: string | null): Promise<IssuedApiKey> {
    const prefix = randomBytes(6).toString('hex');
    const key = `ksbb_${prefix}_${randomBytes(24).toString('base64url')}`;
    return this.uow.run(async (tx) => {
      if (!(await this.keys.aggregatorExists(tx.manager, aggregatorId))) throw new NotFoundError('aggregator', aggregatorId);
      const row = await this.keys.insert(tx.manager, { aggregatorId, name, prefix, keyHash: this.hash(key), createdBy });
      await tx.audit({ action: 'api_key.created', entity: 'api_key', entityId: row.id, after: { aggregatorId, name, prefix } });
      return { id: row.id, key, prefix, name, createdAt: row.createdAt };
    });
  }

  async list(aggregatorId: string): Promise<ApiKey[]> {
    return this.keys.list(aggregatorId);
  }

  async revoke(id: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const revoked = await this.keys.revoke(tx.manager, id);
      if (!revoked) throw new NotFoundError('api key', id);
      await tx.audit({ action: 'api_key.revoked', entity: 'api_key', entityId: id, after: revoked });
    });
  }

  /** Resolves an `X-API-Key` to its aggregator principal, or throws 401. */
  async authenticate(key: string): Promise<Principal> {
    const m = /^ksbb_([0-9a-f]{12})_[A-Za-z0-9_-]{20,}$/.exec(key);
    if (!m) throw new UnauthenticatedError('the API key is invalid', { code: 'api_key_invalid' });
    const row = await this.keys.findActiveByPrefix(m[1]);
    if (!row || !safeEqualHex(row.keyHash, this.hash(key)) || row.status !== 'active') {
      throw new UnauthenticatedError('the API key is invalid', { code: 'api_key_invalid' });
    }
    void this.keys.touchLastUsed(row.id).catch(() => undefined);
    return { kind: 'api_key', id: row.id, role: 'aggregator', collaboratorId: null, aggregatorId: row.aggregatorId };
  }

  private hash(key: string): string {
    return hmacSha256Hex(this.config.API_KEY_PEPPER, key);
  }
}
