import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { hmacSha256Hex } from '../common/hashing';
import { APP_CONFIG, AppConfig } from '../config/config';
import { NikKeyRepository } from './nik-key.repository';

/** Identifies a NIK HMAC key without revealing it (an HMAC of a fixed label, not of any NIK). */
export const nikKeyFingerprint = (secret: string): string => hmacSha256Hex(secret, 'ksbb-nik-fingerprint');

export class NikKeyChangedError extends Error {
  constructor(recordedAt: Date) {
    super(
      `NIK_HMAC_SECRET is not the key the stored NIK hashes were made with (its fingerprint was recorded ` +
        `${new Date(recordedAt).toISOString()}): with another key, duplicate detection no longer recognises any NIK ` +
        `recorded before. Refusing to start. Restore the previous NIK_HMAC_SECRET (from the secrets file, ` +
        `SECRETS_FILE, or its backup). To change the key on purpose — NIKs are not stored, so earlier hashes cannot be ` +
        `re-made and duplicates against earlier handovers are no longer found — start once with NIK_HMAC_ROTATE=1, ` +
        `which records the new key, then remove it.`,
    );
    this.name = 'NikKeyChangedError';
  }
}

/**
 * At start of the API and the worker (outside tests): the NIK HMAC key must be the one the stored NIK hashes were
 * made with. The first start records the key's fingerprint; a different key while NIK hashes exist refuses to start
 * (NikKeyChangedError), unless NIK_HMAC_ROTATE=1 says the change is intended.
 */
@Injectable()
export class NikKeyCheck implements OnModuleInit {
  private readonly logger = new Logger('NikKeyCheck');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: NikKeyRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    // Tests run on throwaway databases with the fixed test key.
    if (this.config.NODE_ENV !== 'test') await this.verify();
  }

  async verify(): Promise<'recorded' | 'unchanged' | 'rotated'> {
    const fingerprint = nikKeyFingerprint(this.config.NIK_HMAC_SECRET);
    let stored = await this.keys.find();
    if (!stored) {
      await this.keys.recordIfAbsent(fingerprint);
      stored = await this.keys.find();
      if (stored?.fingerprint === fingerprint) return 'recorded';
    }
    if (!stored || stored.fingerprint === fingerprint) return 'unchanged';
    if (this.config.NIK_HMAC_ROTATE) {
      await this.keys.replace(fingerprint);
      this.logger.warn('NIK_HMAC_ROTATE: recorded the new NIK key; earlier NIKs are no longer matched. Remove NIK_HMAC_ROTATE.');
      return 'rotated';
    }
    if (!(await this.keys.hasNikHashes())) {
      // Nothing was hashed with the old key: adopting the new one loses nothing.
      await this.keys.replace(fingerprint);
      return 'recorded';
    }
    throw new NikKeyChangedError(stored.recordedAt);
  }
}
