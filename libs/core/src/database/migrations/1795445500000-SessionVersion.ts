import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each account's session version: access tokens carry it (`sv`) and are refused once it moves on, which a role change,
 * a deactivation, a password change and a sign-out do.
 */
export class SessionVersion1795445500000 implements MigrationInterface {
  name = 'SessionVersion1795445500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "session_version" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "session_version"`);
  }
}
