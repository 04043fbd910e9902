import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Self sign-up proves the mailbox before the account may sign a commitment: `users.email_verified_at` (existing
 * accounts, and accounts staff create later, count as verified through the column's default: adding it fills every
 * existing row with now()) and single-use, expiring verification links stored as SHA-256 hashes.
 */
export class EmailVerification1795447100000 implements MigrationInterface {
  name = 'EmailVerification1795447100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "email_verification_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_417a095bbed21c2369a6a01ab9a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_email_verification_tokens_hash" ON "email_verification_tokens" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "ix_email_verification_tokens_user" ON "email_verification_tokens" ("user_id")`);
    await queryRunner.query(`ALTER TABLE "users" ADD "email_verified_at" TIMESTAMP WITH TIME ZONE DEFAULT now()`);
    await queryRunner.query(
      `ALTER TABLE "email_verification_tokens" ADD CONSTRAINT "FK_fdcb77f72f529bf65c95d72a147" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email_verified_at"`);
    await queryRunner.query(`DROP TABLE "email_verification_tokens"`);
  }
}
