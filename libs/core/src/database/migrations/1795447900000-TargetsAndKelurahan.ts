import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19: institutions (schools, MSMEs, vendor sites) as reference data and as a need's target; eligibility rules
 * on packages (target kind, source list); the `kelurahan` role scoped to one kelurahan, its flags on needs and its
 * electronic confirmation of handovers; a program's requirement of that confirmation before verification.
 */
export class TargetsAndKelurahan1795447900000 implements MigrationInterface {
  name = 'TargetsAndKelurahan1795447900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "institutions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" character varying(16) NOT NULL,
                "ref" character varying(40) COLLATE "C" NOT NULL,
                "name" character varying(200) NOT NULL,
                "school_level" character varying(8),
                "jakpreneur_member" boolean NOT NULL DEFAULT false,
                "address" character varying(500) NOT NULL DEFAULT '',
                "region_code" character varying(40) COLLATE "C" NOT NULL,
                "location" geometry(Point, 4326),
                "created_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_institutions_jakpreneur" CHECK (
                    kind = 'msme'
                    OR NOT jakpreneur_member
                ),
                CONSTRAINT "ck_institutions_level" CHECK ((kind = 'school') = (school_level IS NOT NULL)),
                CONSTRAINT "ck_institutions_ref" CHECK (
                    (
                        kind <> 'school'
                        OR ref ~ '^[0-9]{8}$'
                    )
                    AND (
                        kind <> 'msme'
                        OR ref ~ '^[0-9]{13}$'
                    )
                    AND (
                        kind <> 'vendor_site'
                        OR ref ~ '^[A-Za-z0-9._/-]{1,40}$'
                    )
                ),
                CONSTRAINT "ck_institutions_kind" CHECK (kind IN ('school', 'msme', 'vendor_site')),
                CONSTRAINT "PK_0be7539dcdba335470dc05e9690" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_institutions_location" ON "institutions" USING gist ("location")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_institutions_kind_name" ON "institutions" ("kind", "name")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_institutions_region" ON "institutions" ("region_code")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_institutions_kind_ref" ON "institutions" ("kind", "ref")
        `);
    // Declared with synchronize: false on the entity (TypeORM cannot express an operator class): name search.
    await queryRunner.query(`
            CREATE INDEX "ix_institutions_name_trgm" ON "institutions" USING gin ("name" gin_trgm_ops)
        `);
    await queryRunner.query(`
            CREATE TABLE "need_flags" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "need_id" uuid NOT NULL,
                "reason" text NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'open',
                "flagged_by" uuid NOT NULL,
                "kelurahan_code" character varying(40) COLLATE "C" NOT NULL,
                "resolved_by" uuid,
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "resolution" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_need_flags_resolution" CHECK (
                    (status = 'resolved') = (resolved_at IS NOT NULL)
                ),
                CONSTRAINT "ck_need_flags_status" CHECK (status IN ('open', 'resolved')),
                CONSTRAINT "PK_0b54c3f298eedd7479aeb18e513" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_need_flags_open" ON "need_flags" ("need_id", "flagged_by")
            WHERE status = 'open'
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_need_flags_need" ON "need_flags" ("need_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_need_flags_status_created" ON "need_flags" ("status", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "programs"
            ADD "requires_kelurahan_confirmation" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "packages"
            ADD "target_kind" character varying(20)
        `);
    await queryRunner.query(`
            ALTER TABLE "packages"
            ADD "source_list" character varying(48)
        `);
    await queryRunner.query(`
            ALTER TABLE "needs"
            ADD "target_institution_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "kelurahan_code" character varying(40) COLLATE "C"
        `);
    await queryRunner.query(`
            ALTER TABLE "handovers"
            ADD "kelurahan_confirmed_by" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "handovers"
            ADD "kelurahan_confirmed_name" character varying(200)
        `);
    await queryRunner.query(`
            ALTER TABLE "handovers"
            ADD "kelurahan_confirmed_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_needs_target_institution" ON "needs" ("target_institution_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "packages"
            ADD CONSTRAINT "ck_packages_target_kind" CHECK (
                    target_kind IS NULL
                    OR target_kind IN ('school', 'msme', 'jakpreneur_msme', 'vendor_site')
                )
        `);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_role"`);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "ck_users_role" CHECK (
                    role IN ('admin', 'operator', 'viewer', 'collaborator', 'aggregator', 'kelurahan')
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "ck_users_kelurahan" CHECK (
                    (role = 'kelurahan') = (kelurahan_code IS NOT NULL)
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "institutions"
            ADD CONSTRAINT "FK_d07c7fa1953754a0a95525e7579" FOREIGN KEY ("region_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "needs"
            ADD CONSTRAINT "FK_9845b72aee47946bb7d058adcdc" FOREIGN KEY ("target_institution_id") REFERENCES "institutions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_d660487a93e5647b790286cc5b3" FOREIGN KEY ("kelurahan_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "need_flags"
            ADD CONSTRAINT "FK_3450c1185c843e19a48b45cb1c7" FOREIGN KEY ("need_id") REFERENCES "needs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "need_flags" DROP CONSTRAINT "FK_3450c1185c843e19a48b45cb1c7"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_d660487a93e5647b790286cc5b3"
        `);
    await queryRunner.query(`
            ALTER TABLE "needs" DROP CONSTRAINT "FK_9845b72aee47946bb7d058adcdc"
        `);
    await queryRunner.query(`
            ALTER TABLE "institutions" DROP CONSTRAINT "FK_d07c7fa1953754a0a95525e7579"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "ck_users_kelurahan"
        `);
    await queryRunner.query(`DELETE FROM "users" WHERE role = 'kelurahan'`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_role"`);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "ck_users_role" CHECK (
                    role IN ('admin', 'operator', 'viewer', 'collaborator', 'aggregator')
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "packages" DROP CONSTRAINT "ck_packages_target_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_needs_target_institution"
        `);
    await queryRunner.query(`
            ALTER TABLE "handovers" DROP COLUMN "kelurahan_confirmed_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "handovers" DROP COLUMN "kelurahan_confirmed_name"
        `);
    await queryRunner.query(`
            ALTER TABLE "handovers" DROP COLUMN "kelurahan_confirmed_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "kelurahan_code"
        `);
    await queryRunner.query(`
            ALTER TABLE "needs" DROP COLUMN "target_institution_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "packages" DROP COLUMN "source_list"
        `);
    await queryRunner.query(`
            ALTER TABLE "packages" DROP COLUMN "target_kind"
        `);
    await queryRunner.query(`
            ALTER TABLE "programs" DROP COLUMN "requires_kelurahan_confirmation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_need_flags_status_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_need_flags_need"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_need_flags_open"
        `);
    await queryRunner.query(`
            DROP TABLE "need_flags"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_institutions_name_trgm"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_institutions_kind_ref"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_institutions_region"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_institutions_kind_name"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_institutions_location"
        `);
    await queryRunner.query(`
            DROP TABLE "institutions"
        `);
  }
}
