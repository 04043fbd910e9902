import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795441625301 implements MigrationInterface {
    name = 'Initial1795441625301'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS postgis`);
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`
            CREATE TABLE "aggregators" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(200) NOT NULL,
                "program_codes" character varying array NOT NULL DEFAULT '{}',
                "region_codes" character varying array NOT NULL DEFAULT '{}',
                "email" character varying(254),
                "phone" character varying(32),
                "status" character varying(16) NOT NULL DEFAULT 'active',
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_c0bae1997553a9c3e7aa7c9baf9" UNIQUE ("name"),
                CONSTRAINT "PK_9334c2854c46e910f211d1ebbaf" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "audit_log" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "actor_id" uuid,
                "actor_kind" character varying(16) NOT NULL,
                "actor_role" character varying(16),
                "action" character varying(64) NOT NULL,
                "entity" character varying(48) NOT NULL,
                "entity_id" character varying(64),
                "before" jsonb,
                "after" jsonb,
                "ip" character varying(64),
                "user_agent" character varying(400),
                "request_id" character varying(64),
                CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_audit_at" ON "audit_log" ("at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_audit_actor" ON "audit_log" ("actor_id", "at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_audit_entity" ON "audit_log" ("entity", "entity_id", "at")
        `);
        await queryRunner.query(`
            CREATE TABLE "api_keys" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "aggregator_id" uuid NOT NULL,
                "name" character varying(100) NOT NULL DEFAULT '',
                "prefix" character varying(24) NOT NULL,
                "key_hash" character varying(64) NOT NULL,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_6f6105c8efe05b310d046cbdb3d" UNIQUE ("prefix"),
                CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_api_keys_aggregator" ON "api_keys" ("aggregator_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "collaborators" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "type" character varying(16) NOT NULL,
                "name" character varying(200) NOT NULL,
                "country" character varying(2) NOT NULL DEFAULT 'ID',
                "registration_number" character varying(64),
                "tax_number" character varying(32),
                "email" character varying(254),
                "phone" character varying(32),
                "address" text,
                "pic_name" character varying(200),
                "status" character varying(16) NOT NULL DEFAULT 'pending',
                "status_reason" text,
                "public_opt_in" boolean NOT NULL DEFAULT false,
                "verified_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_collaborators_status" CHECK (
                    status IN ('pending', 'verified', 'rejected', 'suspended')
                ),
                CONSTRAINT "ck_collaborators_type" CHECK (
                    type IN (
                        'individual',
                        'business',
                        'government',
                        'civil_society',
                        'foreign'
                    )
                ),
                CONSTRAINT "PK_f579a5df9d66287f400806ad875" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_collaborators_status_created" ON "collaborators" ("status", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_collaborators_type_status" ON "collaborators" ("type", "status")
        `);
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" character varying(254) NOT NULL,
                "password_hash" character varying(200) NOT NULL,
                "name" character varying(200) NOT NULL,
                "role" character varying(16) NOT NULL,
                "collaborator_id" uuid,
                "aggregator_id" uuid,
                "language" character varying(2) NOT NULL DEFAULT 'id',
                "active" boolean NOT NULL DEFAULT true,
                "last_login_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"),
                CONSTRAINT "ck_users_membership" CHECK (
                    (role = 'collaborator') = (collaborator_id IS NOT NULL)
                    AND (role = 'aggregator') = (aggregator_id IS NOT NULL)
                ),
                CONSTRAINT "ck_users_role" CHECK (
                    role IN (
                        'admin',
                        'operator',
                        'viewer',
                        'collaborator',
                        'aggregator'
                    )
                ),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_users_aggregator" ON "users" ("aggregator_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_users_collaborator" ON "users" ("collaborator_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_refresh_tokens_user" ON "refresh_tokens" ("user_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens" ("family_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "idempotency_keys" (
                "scope_hash" character varying(64) NOT NULL,
                "request_hash" character varying(64) NOT NULL,
                "state" character varying(16) NOT NULL,
                "response_status" integer,
                "response_body" jsonb,
                "response_content_type" character varying(100),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_f19126ebfe34c3faeb06d95498e" PRIMARY KEY ("scope_hash")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_idempotency_expires" ON "idempotency_keys" ("expires_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "event_id" uuid NOT NULL,
                "type" character varying(64) NOT NULL,
                "title" character varying(300) NOT NULL,
                "body" text NOT NULL DEFAULT '',
                "data" jsonb NOT NULL DEFAULT '{}',
                "read_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_notifications_user_created" ON "notifications" ("user_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notifications_event_user" ON "notifications" ("event_id", "user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "outbox_events" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "event_id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "type" character varying(64) NOT NULL,
                "aggregate_type" character varying(48) NOT NULL,
                "aggregate_id" character varying(64) NOT NULL,
                "payload" jsonb NOT NULL DEFAULT '{}',
                "actor_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "published_at" TIMESTAMP WITH TIME ZONE,
                "relay_attempts" integer NOT NULL DEFAULT '0',
                CONSTRAINT "UQ_a82c439f9dab57e098be1d83291" UNIQUE ("event_id"),
                CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_outbox_aggregate" ON "outbox_events" ("aggregate_type", "aggregate_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_outbox_unpublished" ON "outbox_events" ("id")
            WHERE published_at IS NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "programs" (
                "code" character varying(32) NOT NULL,
                "name" character varying(200) NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "status" character varying(16) NOT NULL DEFAULT 'draft',
                "opens_at" TIMESTAMP WITH TIME ZONE,
                "closes_at" TIMESTAMP WITH TIME ZONE,
                "eligibility" text NOT NULL DEFAULT '',
                "claim_hold_days" integer NOT NULL DEFAULT '14',
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_programs_hold" CHECK (
                    claim_hold_days BETWEEN 1 AND 365
                ),
                CONSTRAINT "ck_programs_status" CHECK (status IN ('draft', 'open', 'closed')),
                CONSTRAINT "PK_11924ca2e0cb47a8d9400bada03" PRIMARY KEY ("code")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "packages" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "program_code" character varying(32) NOT NULL,
                "code" character varying(48) NOT NULL,
                "name" character varying(200) NOT NULL,
                "unit" character varying(32) NOT NULL,
                "unit_value_min" bigint NOT NULL DEFAULT '0',
                "unit_value_max" bigint NOT NULL DEFAULT '0',
                "work_items" jsonb NOT NULL DEFAULT '[]',
                "beneficiary_kind" character varying(32) NOT NULL,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_packages_value_range" CHECK (
                    unit_value_min >= 0
                    AND unit_value_max >= unit_value_min
                ),
                CONSTRAINT "PK_020801f620e21f943ead9311c98" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_packages_program_code" ON "packages" ("program_code", "code")
        `);
        await queryRunner.query(`
            CREATE TABLE "regions" (
                "code" character varying(40) COLLATE "C" NOT NULL,
                "level" character varying(16) NOT NULL,
                "parent_code" character varying(40) COLLATE "C",
                "name" character varying(200) NOT NULL,
                "point" geometry(Point, 4326),
                "boundary" geometry(Geometry, 4326),
                "point_source" character varying(32),
                CONSTRAINT "ck_regions_level" CHECK (
                    level IN ('province', 'city', 'district', 'village', 'rw', 'rt')
                ),
                CONSTRAINT "PK_4f6dc5a464961e7c65a395ea4c6" PRIMARY KEY ("code")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_regions_point" ON "regions" USING gist ("point")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_regions_level_code" ON "regions" ("level", "code")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_regions_parent" ON "regions" ("parent_code")
        `);
        // Declared with synchronize: false on the entity (TypeORM cannot express an operator class).
        await queryRunner.query(`
            CREATE INDEX "ix_regions_name_trgm" ON "regions" USING gin ("name" gin_trgm_ops)
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys"
            ADD CONSTRAINT "FK_0e26fa46879f279c7ed7bbfbe7a" FOREIGN KEY ("aggregator_id") REFERENCES "aggregators"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_0ff1232915b3bc4af3f86abf85c" FOREIGN KEY ("collaborator_id") REFERENCES "collaborators"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_83c1cb8ce8bb7d7724c92f90bf4" FOREIGN KEY ("aggregator_id") REFERENCES "aggregators"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ADD CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "packages"
            ADD CONSTRAINT "FK_38bb1d6f6ecbdd5bd01b3a9943e" FOREIGN KEY ("program_code") REFERENCES "programs"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "regions"
            ADD CONSTRAINT "FK_7241ca7859f4288fb12567dd959" FOREIGN KEY ("parent_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX IF EXISTS "ix_regions_name_trgm"`);
        await queryRunner.query(`
            ALTER TABLE "regions" DROP CONSTRAINT "FK_7241ca7859f4288fb12567dd959"
        `);
        await queryRunner.query(`
            ALTER TABLE "packages" DROP CONSTRAINT "FK_38bb1d6f6ecbdd5bd01b3a9943e"
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_83c1cb8ce8bb7d7724c92f90bf4"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_0ff1232915b3bc4af3f86abf85c"
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys" DROP CONSTRAINT "FK_0e26fa46879f279c7ed7bbfbe7a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_regions_parent"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_regions_level_code"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_regions_point"
        `);
        await queryRunner.query(`
            DROP TABLE "regions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_packages_program_code"
        `);
        await queryRunner.query(`
            DROP TABLE "packages"
        `);
        await queryRunner.query(`
            DROP TABLE "programs"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_unpublished"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_aggregate"
        `);
        await queryRunner.query(`
            DROP TABLE "outbox_events"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_notifications_event_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_notifications_user_created"
        `);
        await queryRunner.query(`
            DROP TABLE "notifications"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_idempotency_expires"
        `);
        await queryRunner.query(`
            DROP TABLE "idempotency_keys"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_refresh_tokens_family"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_refresh_tokens_user"
        `);
        await queryRunner.query(`
            DROP TABLE "refresh_tokens"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_users_collaborator"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_users_aggregator"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_collaborators_type_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_collaborators_status_created"
        `);
        await queryRunner.query(`
            DROP TABLE "collaborators"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_api_keys_aggregator"
        `);
        await queryRunner.query(`
            DROP TABLE "api_keys"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_entity"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_actor"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_at"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_log"
        `);
        await queryRunner.query(`
            DROP TABLE "aggregators"
        `);
    }

}
