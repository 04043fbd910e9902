import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface StoredNikKey {
  fingerprint: string;
  recordedAt: Date;
}

/** The one-row table of the NIK HMAC key's fingerprint, and whether any NIK hash is stored. */
@Injectable()
export class NikKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(): Promise<StoredNikKey | null> {
    const [row] = await this.dataSource.query(
      `SELECT fingerprint, recorded_at AS "recordedAt" FROM nik_key_fingerprint WHERE id`,
    );
    return row ?? null;
  }

  /** Records the fingerprint unless one is there (two processes starting together: the first one wins). */
  async recordIfAbsent(fingerprint: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO nik_key_fingerprint (id, fingerprint) VALUES (true, $1) ON CONFLICT (id) DO NOTHING`,
      [fingerprint],
    );
  }

  /** An intended change of key (NIK_HMAC_ROTATE): the new fingerprint replaces the old one. */
  async replace(fingerprint: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO nik_key_fingerprint (id, fingerprint) VALUES (true, $1)
       ON CONFLICT (id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, recorded_at = now()`,
      [fingerprint],
    );
  }

  /** Whether any NIK hash is stored: handover recipients, or a handover receiver's NIK. */
  async hasNikHashes(): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM handover_recipients)
           OR EXISTS (SELECT 1 FROM handovers WHERE receiver ? 'nikHash') AS "exists"`,
    );
    return row.exists === true;
  }
}
