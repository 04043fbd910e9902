import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled reports emailed to their recipients: an email delivery may belong to a report run, and a run mails each
 * recipient at most once — whatever retries, re-runs or take-overs of the run happen — by the unique
 * (report run, recipient) pair, written with ON CONFLICT DO NOTHING. The attachment is the run's stored file.
 */
export class ReportMail1795447300000 implements MigrationInterface {
  name = 'ReportMail1795447300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A plain uuid, like the entity declares it: notifications do not depend on the reports concern (which
    // depends on them), and report runs are never deleted.
    await queryRunner.query(`ALTER TABLE "notification_deliveries" ADD "report_run_id" uuid`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_notification_deliveries_report_run" ON "notification_deliveries" ("report_run_id", "recipient")
        WHERE "report_run_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_notification_deliveries_report_run"`);
    await queryRunner.query(`ALTER TABLE "notification_deliveries" DROP COLUMN "report_run_id"`);
  }
}
