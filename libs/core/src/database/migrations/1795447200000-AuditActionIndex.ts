import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log is filtered by action ("every verification this week"): an index on (action, at) serves it, as
 * ix_audit_entity and ix_audit_actor serve the object and actor filters.
 */
export class AuditActionIndex1795447200000 implements MigrationInterface {
  name = 'AuditActionIndex1795447200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_audit_action" ON "audit_log" ("action", "at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_audit_action"`);
  }
}
