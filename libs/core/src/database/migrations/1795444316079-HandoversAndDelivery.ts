import { MigrationInterface, QueryRunner } from "typeorm";

export class HandoversAndDelivery1795444316079 implements MigrationInterface {
    name = 'HandoversAndDelivery1795444316079'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "handovers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "bast_number" character varying(48) NOT NULL,
                "program_code" character varying(32) NOT NULL,
                "commitment_id" uuid NOT NULL,
                "aggregator_id" uuid,
                "handed_over_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "region_code" character varying(40) COLLATE "C" NOT NULL,
                "location" geometry(Point, 4326),
                "address" text NOT NULL DEFAULT '',
                "giver" jsonb NOT NULL,
                "receiver" jsonb NOT NULL,
                "witnesses" jsonb NOT NULL DEFAULT '[]',
                "notes" text NOT NULL DEFAULT '',
                "status" character varying(16) NOT NULL DEFAULT 'submitted',
                "duplicate_warnings" jsonb NOT NULL DEFAULT '[]',
                "submitted_by" uuid,
                "submitted_by_kind" character varying(16) NOT NULL DEFAULT 'user',
                "decided_by" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "rejection_reason" text,
                "content_hash" character varying(64),
                "chain_hash" character varying(64),
                "chain_seq" integer,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_d5e3a7a8c54d973f7b23cd94ecb" UNIQUE ("bast_number"),
                CONSTRAINT "UQ_e8840b7ffb57133ae20c0548509" UNIQUE ("chain_seq"),
                CONSTRAINT "ck_handovers_ledger" CHECK (
                    (status = 'verified') = (chain_seq IS NOT NULL)
                    AND (chain_seq IS NULL) = (chain_hash IS NULL)
                ),
                CONSTRAINT "ck_handovers_status" CHECK (status IN ('submitted', 'verified', 'rejected')),
                CONSTRAINT "PK_88432ab36f1a01be3bb86a16c28" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_handovers_aggregator" ON "handovers" ("aggregator_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_handovers_program_region" ON "handovers" ("program_code", "region_code")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_handovers_status_created" ON "handovers" ("status", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_handovers_commitment" ON "handovers" ("commitment_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "handover_items" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "handover_id" uuid NOT NULL,
                "allocation_id" uuid NOT NULL,
                "quantity" integer NOT NULL,
                CONSTRAINT "ck_handover_items_quantity" CHECK (quantity > 0),
                CONSTRAINT "PK_bd4a48167de24735d31a8e94d08" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_handover_items_allocation" ON "handover_items" ("allocation_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_handover_items_allocation" ON "handover_items" ("handover_id", "allocation_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "handover_recipients" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "handover_id" uuid NOT NULL,
                "program_code" character varying(32) NOT NULL,
                "year" integer NOT NULL,
                "nik_hash" character varying(64) NOT NULL,
                "nik_masked" character varying(16) NOT NULL,
                "name" character varying(200) NOT NULL DEFAULT '',
                CONSTRAINT "PK_41ffec2f1c5f0f92eab251d2054" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_handover_recipients_handover" ON "handover_recipients" ("handover_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_handover_recipients_lookup" ON "handover_recipients" ("program_code", "year", "nik_hash")
        `);
        await queryRunner.query(`
            CREATE TABLE "handover_attachments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "handover_id" uuid NOT NULL,
                "content_type" character varying(64) NOT NULL,
                "size_bytes" integer NOT NULL,
                "sha256" character varying(64) NOT NULL,
                "storage_key" character varying(200) NOT NULL,
                "original_name" character varying(200) NOT NULL DEFAULT '',
                "uploaded_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d772c05aaebe5350197639e4085" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_handover_attachments_handover" ON "handover_attachments" ("handover_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "notification_deliveries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "event_type" character varying(64) NOT NULL,
                "channel" character varying(16) NOT NULL,
                "recipient" character varying(254) NOT NULL,
                "user_id" uuid,
                "webhook_id" uuid,
                "language" character varying(2) NOT NULL DEFAULT 'id',
                "status" character varying(16) NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_notification_deliveries_status" CHECK (
                    status IN ('pending', 'sending', 'sent', 'failed', 'dead')
                ),
                CONSTRAINT "ck_notification_deliveries_channel" CHECK (channel IN ('email', 'webhook')),
                CONSTRAINT "PK_81daeff81f237bd384f7cfc4a4c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_notification_deliveries_webhook" ON "notification_deliveries" ("webhook_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_notification_deliveries_status" ON "notification_deliveries" ("status", "next_attempt_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notification_deliveries" ON "notification_deliveries" ("event_id", "channel", "recipient")
        `);
        await queryRunner.query(`
            CREATE TABLE "webhooks" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "aggregator_id" uuid,
                "url" character varying(2000) NOT NULL,
                "events" character varying array NOT NULL,
                "secret" character varying(128) NOT NULL,
                "active" boolean NOT NULL DEFAULT true,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9e8795cfc899ab7bdaa831e8527" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_webhooks_aggregator" ON "webhooks" ("aggregator_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "webhook_attempts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "delivery_id" uuid NOT NULL,
                "attempt_no" integer NOT NULL,
                "status_code" integer,
                "error" text,
                "duration_ms" integer NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2de7e7887ad97de459adab62638" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "ix_webhook_attempts_delivery" ON "webhook_attempts" ("delivery_id", "attempt_no")
        `);
        await queryRunner.query(`
            CREATE TABLE "report_schedules" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(200) NOT NULL,
                "cron" character varying(100) NOT NULL,
                "report" character varying(32) NOT NULL,
                "format" character varying(8) NOT NULL,
                "params" jsonb NOT NULL DEFAULT '{}',
                "recipients" character varying array NOT NULL DEFAULT '{}',
                "active" boolean NOT NULL DEFAULT true,
                "created_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_603f9cdaaf4c1193d7399c1e79c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "report_runs" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "schedule_id" uuid,
                "scheduled_for" TIMESTAMP WITH TIME ZONE,
                "report" character varying(32) NOT NULL,
                "format" character varying(8) NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'queued',
                "storage_key" character varying(200),
                "content_type" character varying(100),
                "size_bytes" integer,
                "error" text,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_ec9cd6617ae677b28700451a9b3" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_report_runs_created" ON "report_runs" ("created_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_report_runs_tick" ON "report_runs" ("schedule_id", "scheduled_for")
        `);
        await queryRunner.query(`
            ALTER TABLE "handovers"
            ADD CONSTRAINT "FK_45fab2251ff3fab726c79928cfd" FOREIGN KEY ("program_code") REFERENCES "programs"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "handovers"
            ADD CONSTRAINT "FK_344dbc562f67388500744fdab9d" FOREIGN KEY ("commitment_id") REFERENCES "commitments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "handovers"
            ADD CONSTRAINT "FK_43cb53e9c3fe0d6ffd8b3227063" FOREIGN KEY ("aggregator_id") REFERENCES "aggregators"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "handovers"
            ADD CONSTRAINT "FK_f0fff5a1c64bb660d219cf62e34" FOREIGN KEY ("region_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "handover_items"
            ADD CONSTRAINT "FK_898c2231883e47982cbc0359f00" FOREIGN KEY ("handover_id") REFERENCES "handovers"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "handover_items"
            ADD CONSTRAINT "FK_420a78f15bb6d56f56b5b22d77d" FOREIGN KEY ("allocation_id") REFERENCES "allocations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "handover_recipients"
            ADD CONSTRAINT "FK_1706028bbc9c8ca2184412154bc" FOREIGN KEY ("handover_id") REFERENCES "handovers"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "handover_attachments"
            ADD CONSTRAINT "FK_7137e5e453a209af4ee0056b658" FOREIGN KEY ("handover_id") REFERENCES "handovers"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "webhooks"
            ADD CONSTRAINT "FK_51752328317abc76924ddb32d90" FOREIGN KEY ("aggregator_id") REFERENCES "aggregators"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_attempts"
            ADD CONSTRAINT "FK_0d56d91d61b827bb2079c256538" FOREIGN KEY ("delivery_id") REFERENCES "notification_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "report_runs"
            ADD CONSTRAINT "FK_e27ace12a9d2e5a0119f6326148" FOREIGN KEY ("schedule_id") REFERENCES "report_schedules"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "report_runs" DROP CONSTRAINT "FK_e27ace12a9d2e5a0119f6326148"
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_attempts" DROP CONSTRAINT "FK_0d56d91d61b827bb2079c256538"
        `);
        await queryRunner.query(`
            ALTER TABLE "webhooks" DROP CONSTRAINT "FK_51752328317abc76924ddb32d90"
        `);
        await queryRunner.query(`
            ALTER TABLE "handover_attachments" DROP CONSTRAINT "FK_7137e5e453a209af4ee0056b658"
        `);
        await queryRunner.query(`
            ALTER TABLE "handover_recipients" DROP CONSTRAINT "FK_1706028bbc9c8ca2184412154bc"
        `);
        await queryRunner.query(`
            ALTER TABLE "handover_items" DROP CONSTRAINT "FK_420a78f15bb6d56f56b5b22d77d"
        `);
        await queryRunner.query(`
            ALTER TABLE "handover_items" DROP CONSTRAINT "FK_898c2231883e47982cbc0359f00"
        `);
        await queryRunner.query(`
            ALTER TABLE "handovers" DROP CONSTRAINT "FK_f0fff5a1c64bb660d219cf62e34"
        `);
        await queryRunner.query(`
            ALTER TABLE "handovers" DROP CONSTRAINT "FK_43cb53e9c3fe0d6ffd8b3227063"
        `);
        await queryRunner.query(`
            ALTER TABLE "handovers" DROP CONSTRAINT "FK_344dbc562f67388500744fdab9d"
        `);
        await queryRunner.query(`
            ALTER TABLE "handovers" DROP CONSTRAINT "FK_45fab2251ff3fab726c79928cfd"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_report_runs_tick"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_report_runs_created"
        `);
        await queryRunner.query(`
            DROP TABLE "report_runs"
        `);
        await queryRunner.query(`
            DROP TABLE "report_schedules"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_webhook_attempts_delivery"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_attempts"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_webhooks_aggregator"
        `);
        await queryRunner.query(`
            DROP TABLE "webhooks"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_notification_deliveries"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_notification_deliveries_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_notification_deliveries_webhook"
        `);
        await queryRunner.query(`
            DROP TABLE "notification_deliveries"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_handover_attachments_handover"
        `);
        await queryRunner.query(`
            DROP TABLE "handover_attachments"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_handover_recipients_lookup"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_handover_recipients_handover"
        `);
        await queryRunner.query(`
            DROP TABLE "handover_recipients"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_handover_items_allocation"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_handover_items_allocation"
        `);
        await queryRunner.query(`
            DROP TABLE "handover_items"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_handovers_commitment"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_handovers_status_created"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_handovers_program_region"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_handovers_aggregator"
        `);
        await queryRunner.query(`
            DROP TABLE "handovers"
        `);
    }

}
