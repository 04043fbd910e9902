import { MigrationInterface, QueryRunner } from 'typeorm';

const NEED_MEASURES = `needs, quantity, allocated, delivered, beneficiaries, beneficiaries_reached`;
const HANDOVER_MEASURES = `handovers_submitted, handovers_verified, handovers_rejected`;

/** One need's measures with a sign: the village-level key and what it adds to it. */
const needTerms = (alias: string, sign: '' | '-'): string => `
    ${alias}.program_code, left(${alias}.region_code, 13) AS region_code, ${alias}.status,
    ${sign}1 AS needs, ${sign}${alias}.quantity::bigint AS quantity, ${sign}${alias}.allocated_quantity::bigint AS allocated,
    ${sign}${alias}.delivered_quantity::bigint AS delivered, ${sign}${alias}.beneficiary_count::bigint AS beneficiaries,
    ${sign}(${alias}.beneficiary_count::bigint * ${alias}.delivered_quantity / ${alias}.quantity) AS beneficiaries_reached`;

const needFactsFrom = (source: string): string => `
    INSERT INTO report_facts (program_code, region_code, need_status, day, ${NEED_MEASURES})
    SELECT program_code, region_code, status, report_today(),
           sum(needs), sum(quantity), sum(allocated), sum(delivered), sum(beneficiaries), sum(beneficiaries_reached)
      FROM (${source}) d
     GROUP BY program_code, region_code, status
    HAVING sum(needs) <> 0 OR sum(quantity) <> 0 OR sum(allocated) <> 0 OR sum(delivered) <> 0
        OR sum(beneficiaries) <> 0 OR sum(beneficiaries_reached) <> 0`;

const TRIGGERS_UP = [
  `CREATE FUNCTION report_today() RETURNS date LANGUAGE sql STABLE AS $$ SELECT (now() AT TIME ZONE 'Asia/Jakarta')::date $$`,
  `CREATE FUNCTION report_need_facts() RETURNS trigger LANGUAGE plpgsql AS $fn$
   BEGIN
     IF TG_OP = 'INSERT' THEN
       ${needFactsFrom(`SELECT ${needTerms('n', '')} FROM new_rows n`)};
     ELSIF TG_OP = 'DELETE' THEN
       ${needFactsFrom(`SELECT ${needTerms('o', '-')} FROM old_rows o`)};
     ELSE
       ${needFactsFrom(`SELECT ${needTerms('o', '-')} FROM old_rows o UNION ALL SELECT ${needTerms('n', '')} FROM new_rows n`)};
     END IF;
     RETURN NULL;
   END $fn$`,
  `CREATE TRIGGER trg_needs_report_ins AFTER INSERT ON needs REFERENCING NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION report_need_facts()`,
  `CREATE TRIGGER trg_needs_report_upd AFTER UPDATE ON needs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION report_need_facts()`,
  `CREATE TRIGGER trg_needs_report_del AFTER DELETE ON needs REFERENCING OLD TABLE AS old_rows
     FOR EACH STATEMENT EXECUTE FUNCTION report_need_facts()`,
  `CREATE FUNCTION report_handover_facts() RETURNS trigger LANGUAGE plpgsql AS $fn$
   BEGIN
     IF TG_OP = 'INSERT' THEN
       INSERT INTO report_facts (program_code, region_code, need_status, day, ${HANDOVER_MEASURES})
       SELECT program_code, left(region_code, 13), '', report_today(), count(*),
              count(*) FILTER (WHERE status = 'verified'), count(*) FILTER (WHERE status = 'rejected')
         FROM new_rows GROUP BY 1, 2;
     ELSIF TG_OP = 'DELETE' THEN
       INSERT INTO report_facts (program_code, region_code, need_status, day, ${HANDOVER_MEASURES})
       SELECT program_code, left(region_code, 13), '', report_today(), -count(*),
              -count(*) FILTER (WHERE status = 'verified'), -count(*) FILTER (WHERE status = 'rejected')
         FROM old_rows GROUP BY 1, 2;
     ELSE
       INSERT INTO report_facts (program_code, region_code, need_status, day, ${HANDOVER_MEASURES})
       SELECT program_code, region_code, '', report_today(), sum(s), sum(v), sum(r)
         FROM (SELECT o.program_code, left(o.region_code, 13) AS region_code, -1 AS s,
                      -(o.status = 'verified')::int AS v, -(o.status = 'rejected')::int AS r FROM old_rows o
               UNION ALL
               SELECT n.program_code, left(n.region_code, 13), 1,
                      (n.status = 'verified')::int, (n.status = 'rejected')::int FROM new_rows n) d
        GROUP BY 1, 2
       HAVING sum(s) <> 0 OR sum(v) <> 0 OR sum(r) <> 0;
     END IF;
     RETURN NULL;
   END $fn$`,
  `CREATE TRIGGER trg_handovers_report_ins AFTER INSERT ON handovers REFERENCING NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION report_handover_facts()`,
  `CREATE TRIGGER trg_handovers_report_upd AFTER UPDATE ON handovers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION report_handover_facts()`,
  `CREATE TRIGGER trg_handovers_report_del AFTER DELETE ON handovers REFERENCING OLD TABLE AS old_rows
     FOR EACH STATEMENT EXECUTE FUNCTION report_handover_facts()`,
  `CREATE FUNCTION report_mark_commitments() RETURNS trigger LANGUAGE plpgsql AS $fn$
   BEGIN
     IF TG_TABLE_NAME = 'commitments' THEN
       INSERT INTO report_dirty_commitments (commitment_id) SELECT id FROM changed_rows;
     ELSE
       INSERT INTO report_dirty_commitments (commitment_id) SELECT DISTINCT commitment_id FROM changed_rows;
     END IF;
     RETURN NULL;
   END $fn$`,
  ...['commitments', 'commitment_items', 'allocations'].flatMap((table) => [
    `CREATE TRIGGER trg_${table}_report_ins AFTER INSERT ON ${table} REFERENCING NEW TABLE AS changed_rows
       FOR EACH STATEMENT EXECUTE FUNCTION report_mark_commitments()`,
    `CREATE TRIGGER trg_${table}_report_upd AFTER UPDATE ON ${table} REFERENCING NEW TABLE AS changed_rows
       FOR EACH STATEMENT EXECUTE FUNCTION report_mark_commitments()`,
    `CREATE TRIGGER trg_${table}_report_del AFTER DELETE ON ${table} REFERENCING OLD TABLE AS changed_rows
       FOR EACH STATEMENT EXECUTE FUNCTION report_mark_commitments()`,
  ]),
];

const TRIGGERS_DOWN = [
  ...['commitments', 'commitment_items', 'allocations'].flatMap((table) =>
    ['ins', 'upd', 'del'].map((op) => `DROP TRIGGER trg_${table}_report_${op} ON ${table}`),
  ),
  `DROP FUNCTION report_mark_commitments()`,
  ...['ins', 'upd', 'del'].map((op) => `DROP TRIGGER trg_handovers_report_${op} ON handovers`),
  `DROP FUNCTION report_handover_facts()`,
  ...['ins', 'upd', 'del'].map((op) => `DROP TRIGGER trg_needs_report_${op} ON needs`),
  `DROP FUNCTION report_need_facts()`,
  `DROP FUNCTION report_backfill_facts()`,
  `DROP FUNCTION report_today()`,
];

const jakartaDay = (column: string): string => `(${column} AT TIME ZONE 'Asia/Jakarta')::date`;

/** Base rows as facts dated by their own timestamps; also used to rebuild the rollups from scratch. */
const BACKFILL_FUNCTION = `CREATE FUNCTION report_backfill_facts() RETURNS void LANGUAGE sql AS $fn$
  INSERT INTO report_facts (program_code, region_code, need_status, day, ${NEED_MEASURES})
  SELECT program_code, left(region_code, 13), status, ${jakartaDay('coalesce(published_at, created_at)')}, count(*),
         sum(quantity), sum(allocated_quantity), sum(delivered_quantity), sum(beneficiary_count),
         sum(beneficiary_count::bigint * delivered_quantity / quantity)
    FROM needs GROUP BY 1, 2, 3, 4;
  INSERT INTO report_facts (program_code, region_code, need_status, day, ${HANDOVER_MEASURES})
  SELECT program_code, left(region_code, 13), '', ${jakartaDay('created_at')}, count(*), 0, 0
    FROM handovers GROUP BY 1, 2, 4;
  INSERT INTO report_facts (program_code, region_code, need_status, day, ${HANDOVER_MEASURES})
  SELECT program_code, left(region_code, 13), '', ${jakartaDay('coalesce(decided_at, updated_at)')}, 0,
         count(*) FILTER (WHERE status = 'verified'), count(*) FILTER (WHERE status = 'rejected')
    FROM handovers WHERE status <> 'submitted' GROUP BY 1, 2, 4;
$fn$`;

const BACKFILL = [
  BACKFILL_FUNCTION,
  `SELECT report_backfill_facts()`,
  `INSERT INTO report_dirty_commitments (commitment_id) SELECT id FROM commitments`,
];

export class ReportingRollups1795444600342 implements MigrationInterface {
  name = 'ReportingRollups1795444600342';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "report_facts" (
                "needs" integer NOT NULL DEFAULT '0',
                "quantity" bigint NOT NULL DEFAULT '0',
                "allocated" bigint NOT NULL DEFAULT '0',
                "delivered" bigint NOT NULL DEFAULT '0',
                "beneficiaries" bigint NOT NULL DEFAULT '0',
                "beneficiaries_reached" bigint NOT NULL DEFAULT '0',
                "handovers_submitted" integer NOT NULL DEFAULT '0',
                "handovers_verified" integer NOT NULL DEFAULT '0',
                "handovers_rejected" integer NOT NULL DEFAULT '0',
                "id" BIGSERIAL NOT NULL,
                "program_code" character varying(32) NOT NULL,
                "region_code" character varying(40) COLLATE "C" NOT NULL,
                "need_status" character varying(20) NOT NULL,
                "day" date NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_93572774e11acead7c612076642" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "report_region_rollups" (
                "needs" integer NOT NULL DEFAULT '0',
                "quantity" bigint NOT NULL DEFAULT '0',
                "allocated" bigint NOT NULL DEFAULT '0',
                "delivered" bigint NOT NULL DEFAULT '0',
                "beneficiaries" bigint NOT NULL DEFAULT '0',
                "beneficiaries_reached" bigint NOT NULL DEFAULT '0',
                "handovers_submitted" integer NOT NULL DEFAULT '0',
                "handovers_verified" integer NOT NULL DEFAULT '0',
                "handovers_rejected" integer NOT NULL DEFAULT '0',
                "program_code" character varying(32) NOT NULL,
                "region_code" character varying(40) COLLATE "C" NOT NULL,
                "need_status" character varying(20) NOT NULL,
                CONSTRAINT "PK_02320441b66c6fc43cd0069d771" PRIMARY KEY ("program_code", "region_code", "need_status")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "report_daily_rollups" (
                "needs" integer NOT NULL DEFAULT '0',
                "quantity" bigint NOT NULL DEFAULT '0',
                "allocated" bigint NOT NULL DEFAULT '0',
                "delivered" bigint NOT NULL DEFAULT '0',
                "beneficiaries" bigint NOT NULL DEFAULT '0',
                "beneficiaries_reached" bigint NOT NULL DEFAULT '0',
                "handovers_submitted" integer NOT NULL DEFAULT '0',
                "handovers_verified" integer NOT NULL DEFAULT '0',
                "handovers_rejected" integer NOT NULL DEFAULT '0',
                "program_code" character varying(32) NOT NULL,
                "day" date NOT NULL,
                "need_status" character varying(20) NOT NULL,
                CONSTRAINT "PK_fb28caa45b55cfd87675a17ce85" PRIMARY KEY ("program_code", "day", "need_status")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "report_commitment_facts" (
                "commitment_id" uuid NOT NULL,
                "collaborator_id" uuid NOT NULL,
                "program_code" character varying(32) NOT NULL,
                "status" character varying(16) NOT NULL,
                "planned_to" date NOT NULL,
                "signed_on" date,
                "total_value" bigint NOT NULL DEFAULT '0',
                "quantity" bigint NOT NULL DEFAULT '0',
                "allocated" bigint NOT NULL DEFAULT '0',
                "delivered" bigint NOT NULL DEFAULT '0',
                "expired_claims" integer NOT NULL DEFAULT '0',
                "expired_quantity" bigint NOT NULL DEFAULT '0',
                "released_claims" integer NOT NULL DEFAULT '0',
                "released_quantity" bigint NOT NULL DEFAULT '0',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a3544e64e05fa5ec01818d2c3ac" PRIMARY KEY ("commitment_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_report_commitment_facts_collaborator" ON "report_commitment_facts" ("collaborator_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_report_commitment_facts_program" ON "report_commitment_facts" ("program_code", "collaborator_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "report_dirty_commitments" (
                "id" BIGSERIAL NOT NULL,
                "commitment_id" uuid NOT NULL,
                CONSTRAINT "PK_0baec30da3033eb8f501450fde1" PRIMARY KEY ("id")
            )
        `);

    // Triggers keep the delta log exact inside the writing transactions. TypeORM's schema diff ignores them.
    for (const sql of TRIGGERS_UP) await queryRunner.query(sql);
    // Today's rows become facts dated by their own timestamps; the first fold turns them into rollups.
    for (const sql of BACKFILL) await queryRunner.query(sql);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of TRIGGERS_DOWN) await queryRunner.query(sql);
    await queryRunner.query(`
            DROP TABLE "report_dirty_commitments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_report_commitment_facts_program"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_report_commitment_facts_collaborator"
        `);
    await queryRunner.query(`
            DROP TABLE "report_commitment_facts"
        `);
    await queryRunner.query(`
            DROP TABLE "report_daily_rollups"
        `);
    await queryRunner.query(`
            DROP TABLE "report_region_rollups"
        `);
    await queryRunner.query(`
            DROP TABLE "report_facts"
        `);
  }
}
