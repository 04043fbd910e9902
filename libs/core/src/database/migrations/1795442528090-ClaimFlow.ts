import { MigrationInterface, QueryRunner } from "typeorm";

export class ClaimFlow1795442528090 implements MigrationInterface {
    name = 'ClaimFlow1795442528090'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "needs" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "program_code" character varying(32) NOT NULL,
                "package_id" uuid NOT NULL,
                "region_code" character varying(40) COLLATE "C" NOT NULL,
                "title" character varying(200) NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "quantity" integer NOT NULL,
                "allocated_quantity" integer NOT NULL DEFAULT '0',
                "delivered_quantity" integer NOT NULL DEFAULT '0',
                "beneficiary_count" integer NOT NULL DEFAULT '0',
                "status" character varying(20) NOT NULL DEFAULT 'draft',
                "source" character varying(48) NOT NULL,
                "source_ref" character varying(120),
                "location" geometry(Point, 4326),
                "contact_name" character varying(200),
                "contact_role" character varying(100),
                "contact_phone" character varying(32),
                "due_date" date,
                "published_at" TIMESTAMP WITH TIME ZONE,
                "created_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_needs_beneficiaries" CHECK (beneficiary_count >= 0),
                CONSTRAINT "ck_needs_quantities" CHECK (
                    quantity > 0
                    AND allocated_quantity >= 0
                    AND allocated_quantity <= quantity
                    AND delivered_quantity >= 0
                    AND delivered_quantity <= allocated_quantity
                ),
                CONSTRAINT "ck_needs_status" CHECK (
                    status IN (
                        'draft',
                        'open',
                        'fully_allocated',
                        'fulfilled',
                        'closed',
                        'cancelled'
                    )
                ),
                CONSTRAINT "PK_fdb71d393bc390a1a09ac047dd1" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_needs_location" ON "needs" USING gist ("location")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_needs_status_created" ON "needs" ("status", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_needs_package" ON "needs" ("package_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_needs_region" ON "needs" ("region_code")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_needs_program_status" ON "needs" ("program_code", "status")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_needs_program_source_ref" ON "needs" ("program_code", "source_ref")
        `);
        // Declared with synchronize: false on the entity (TypeORM cannot express an operator class).
        await queryRunner.query(`
            CREATE INDEX "ix_needs_title_trgm" ON "needs" USING gin ("title" gin_trgm_ops)
        `);
        await queryRunner.query(`
            CREATE TABLE "commitments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "number" character varying(48),
                "collaborator_id" uuid NOT NULL,
                "program_code" character varying(32) NOT NULL,
                "delivery_mode" character varying(16) NOT NULL,
                "aggregator_id" uuid,
                "planned_from" date NOT NULL,
                "planned_to" date NOT NULL,
                "notes" text NOT NULL DEFAULT '',
                "status" character varying(16) NOT NULL DEFAULT 'draft',
                "total_value" bigint NOT NULL DEFAULT '0',
                "signatory_name" character varying(200),
                "signatory_title" character varying(200),
                "signed_at" TIMESTAMP WITH TIME ZONE,
                "signed_ip" character varying(64),
                "signed_user_agent" character varying(400),
                "signed_hash" character varying(64),
                "signed_by" uuid,
                "decided_by" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "status_reason" text,
                "created_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_00f6e714f51da94c3f913157b65" UNIQUE ("number"),
                CONSTRAINT "ck_commitments_window" CHECK (planned_to >= planned_from),
                CONSTRAINT "ck_commitments_mode" CHECK (
                    (delivery_mode = 'aggregator') = (aggregator_id IS NOT NULL)
                    AND delivery_mode IN ('direct', 'aggregator')
                ),
                CONSTRAINT "ck_commitments_status" CHECK (
                    status IN (
                        'draft',
                        'submitted',
                        'approved',
                        'completed',
                        'rejected',
                        'cancelled'
                    )
                ),
                CONSTRAINT "PK_82060edcfe810ce82b7565521af" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_commitments_program_status" ON "commitments" ("program_code", "status")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_commitments_aggregator" ON "commitments" ("aggregator_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_commitments_collaborator" ON "commitments" ("collaborator_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "commitment_items" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "commitment_id" uuid NOT NULL,
                "package_id" uuid NOT NULL,
                "quantity" integer NOT NULL,
                "unit_value" bigint NOT NULL,
                "allocated_quantity" integer NOT NULL DEFAULT '0',
                "delivered_quantity" integer NOT NULL DEFAULT '0',
                CONSTRAINT "ck_commitment_items_value" CHECK (unit_value >= 0),
                CONSTRAINT "ck_commitment_items_quantities" CHECK (
                    quantity > 0
                    AND allocated_quantity >= 0
                    AND allocated_quantity <= quantity
                    AND delivered_quantity >= 0
                    AND delivered_quantity <= allocated_quantity
                ),
                CONSTRAINT "PK_6d7b4d0e8ed4df5b5edfb525ce9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_commitment_items_package" ON "commitment_items" ("commitment_id", "package_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "allocations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "commitment_id" uuid NOT NULL,
                "commitment_item_id" uuid NOT NULL,
                "need_id" uuid NOT NULL,
                "quantity" integer NOT NULL,
                "delivered_quantity" integer NOT NULL DEFAULT '0',
                "status" character varying(24) NOT NULL DEFAULT 'reserved',
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "warned_at" TIMESTAMP WITH TIME ZONE,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "end_reason" text,
                "created_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_allocations_quantities" CHECK (
                    quantity > 0
                    AND delivered_quantity >= 0
                    AND delivered_quantity <= quantity
                ),
                CONSTRAINT "ck_allocations_status" CHECK (
                    status IN (
                        'reserved',
                        'partially_delivered',
                        'delivered',
                        'released',
                        'expired'
                    )
                ),
                CONSTRAINT "PK_ca63099fc248466264af0fa6f1f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_allocations_expiry" ON "allocations" ("expires_at")
            WHERE status = 'reserved'
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_allocations_item" ON "allocations" ("commitment_item_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_allocations_commitment" ON "allocations" ("commitment_id", "status")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_allocations_need_status" ON "allocations" ("need_id", "status")
        `);
        await queryRunner.query(`
            CREATE TABLE "number_sequences" (
                "scope" character varying(64) NOT NULL,
                "last_value" integer NOT NULL,
                CONSTRAINT "PK_9d3af286e3f04a94a395a9eb7e9" PRIMARY KEY ("scope")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "needs"
            ADD CONSTRAINT "FK_c677d059a6fe93910ad0410bcf4" FOREIGN KEY ("program_code") REFERENCES "programs"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "needs"
            ADD CONSTRAINT "FK_02219da81cfc92a26329d4a6260" FOREIGN KEY ("package_id") REFERENCES "packages"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "needs"
            ADD CONSTRAINT "FK_8911a7f9fc883dc439ca7125bdf" FOREIGN KEY ("region_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "commitments"
            ADD CONSTRAINT "FK_15467aa4661d1c213c4162cba14" FOREIGN KEY ("collaborator_id") REFERENCES "collaborators"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "commitments"
            ADD CONSTRAINT "FK_38fa30636a5b281236bbc9f9c8d" FOREIGN KEY ("program_code") REFERENCES "programs"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "commitments"
            ADD CONSTRAINT "FK_e00288cee83881a752f5d56cb84" FOREIGN KEY ("aggregator_id") REFERENCES "aggregators"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "commitment_items"
            ADD CONSTRAINT "FK_86fd3a7657767f66e02c1f94a55" FOREIGN KEY ("commitment_id") REFERENCES "commitments"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "commitment_items"
            ADD CONSTRAINT "FK_73831cf2fe73a20309b2f40004a" FOREIGN KEY ("package_id") REFERENCES "packages"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "allocations"
            ADD CONSTRAINT "FK_44579ecb558296d81c3b1197d61" FOREIGN KEY ("commitment_id") REFERENCES "commitments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "allocations"
            ADD CONSTRAINT "FK_89d7b0dc28e67bc83060df60ebb" FOREIGN KEY ("commitment_item_id") REFERENCES "commitment_items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "allocations"
            ADD CONSTRAINT "FK_e76bdc7783346af619d4daca96b" FOREIGN KEY ("need_id") REFERENCES "needs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX IF EXISTS "ix_needs_title_trgm"`);
        await queryRunner.query(`
            ALTER TABLE "allocations" DROP CONSTRAINT "FK_e76bdc7783346af619d4daca96b"
        `);
        await queryRunner.query(`
            ALTER TABLE "allocations" DROP CONSTRAINT "FK_89d7b0dc28e67bc83060df60ebb"
        `);
        await queryRunner.query(`
            ALTER TABLE "allocations" DROP CONSTRAINT "FK_44579ecb558296d81c3b1197d61"
        `);
        await queryRunner.query(`
            ALTER TABLE "commitment_items" DROP CONSTRAINT "FK_73831cf2fe73a20309b2f40004a"
        `);
        await queryRunner.query(`
            ALTER TABLE "commitment_items" DROP CONSTRAINT "FK_86fd3a7657767f66e02c1f94a55"
        `);
        await queryRunner.query(`
            ALTER TABLE "commitments" DROP CONSTRAINT "FK_e00288cee83881a752f5d56cb84"
        `);
        await queryRunner.query(`
            ALTER TABLE "commitments" DROP CONSTRAINT "FK_38fa30636a5b281236bbc9f9c8d"
        `);
        await queryRunner.query(`
            ALTER TABLE "commitments" DROP CONSTRAINT "FK_15467aa4661d1c213c4162cba14"
        `);
        await queryRunner.query(`
            ALTER TABLE "needs" DROP CONSTRAINT "FK_8911a7f9fc883dc439ca7125bdf"
        `);
        await queryRunner.query(`
            ALTER TABLE "needs" DROP CONSTRAINT "FK_02219da81cfc92a26329d4a6260"
        `);
        await queryRunner.query(`
            ALTER TABLE "needs" DROP CONSTRAINT "FK_c677d059a6fe93910ad0410bcf4"
        `);
        await queryRunner.query(`
            DROP TABLE "number_sequences"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_allocations_need_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_allocations_commitment"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_allocations_item"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_allocations_expiry"
        `);
        await queryRunner.query(`
            DROP TABLE "allocations"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_commitment_items_package"
        `);
        await queryRunner.query(`
            DROP TABLE "commitment_items"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_commitments_collaborator"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_commitments_aggregator"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_commitments_program_status"
        `);
        await queryRunner.query(`
            DROP TABLE "commitments"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_needs_program_source_ref"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_needs_program_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_needs_region"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_needs_package"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_needs_status_created"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_needs_location"
        `);
        await queryRunner.query(`
            DROP TABLE "needs"
        `);
    }

}
