import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row: a fingerprint of the NIK HMAC key the stored NIK hashes were made with (HMAC(key, a fixed label), never
 * the key). The API and the worker compare it with their own key at start and refuse a silent change.
 */
export class NikKeyFingerprint1795445000000 implements MigrationInterface {
  name = 'NikKeyFingerprint1795445000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "nik_key_fingerprint" (
        "id" boolean PRIMARY KEY DEFAULT true CONSTRAINT "ck_nik_key_fingerprint_one_row" CHECK ("id"),
        "fingerprint" character varying(64) NOT NULL,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "nik_key_fingerprint"`);
  }
}
