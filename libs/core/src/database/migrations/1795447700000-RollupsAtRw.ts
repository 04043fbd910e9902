import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The region rollup keeps its rows per RW (`31.71.01.1001.RW01`, 18 characters) instead of per kelurahan (13), so
 * the coverage report and the public map can answer at RW level. Needs recorded at a kelurahan (or coarser) keep
 * their own code: `left(code, 18)` of a shorter code is the code itself. Coarser levels still sum `left(code, n)`.
 * The trigger and backfill functions are the ones of ReportingRollups with the key length as a parameter; the
 * rollups are rebuilt from the base tables (commitment facts are keyed by commitment and stay as they are).
 */
const NEED_MEASURES = `needs, quantity, allocated, delivered, beneficiaries, beneficiaries_reached`;
const HANDOVER_MEASURES = `handovers_submitted, handovers_verified, handovers_rejected`;
const RW = 18;
const VILLAGE = 13;

const needTerms = (alias: string, sign: '' | '-', len: number): string => `
    ${alias}.program_code, left(${alias}.region_code, ${len}) AS region_code, ${alias}.status,
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

const jakartaDay = (column: string): string => `(${column} AT TIME ZONE 'Asia/Jakarta')::date`;

const functions = (len: number): string[] => [
  `CREATE OR REPLACE FUNCTION report_need_facts() RETURNS trigger LANGUAGE plpgsql AS $fn$
   BEGIN
     IF TG_OP = 'INSERT' THEN
       ${needFactsFrom(`SELECT ${needTerms('n', '', len)} FROM new_rows n`)};
     ELSIF TG_OP = 'DELETE' THEN
       ${needFactsFrom(`SELECT ${needTerms('o', '-', len)} FROM old_rows o`)};
     ELSE
       ${needFactsFrom(`SELECT ${needTerms('o', '-', len)} FROM old_rows o UNION ALL SELECT ${needTerms('n', '', len)} FROM new_rows n`)};
     END IF;
     RETURN NULL;
   END $fn$`,
  `CREATE OR REPLACE FUNCTION report_handover_facts() RETURNS trigger LANGUAGE plpgsql AS $fn$
   BEGIN
     IF TG_OP = 'INSERT' THEN
       INSERT INTO report_facts (program_code, region_code, need_status, day, ${HANDOVER_MEASURES})
       SELECT program_code, left(region_code, ${len}), '', report_today(), count(*),
              count(*) FILTER (WHERE status = 'verified'), count(*) FILTER (WHERE status = 'rejected')
         FROM new_rows GROUP BY 1, 2;
     ELSIF TG_OP = 'DELETE' THEN
       INSERT INTO report_facts (program_code, region_code, need_status, day, ${HANDOVER_MEASURES})
       SELECT program_code, left(region_code, ${len}), '', report_today(), -count(*),
              -count(*) FILTER (WHERE status = 'verified'), -count(*) FILTER (WHERE status = 'rejected')
         FROM old_rows GROUP BY 1, 2;
     ELSE
       INSERT INTO report_facts (program_code, region_code, need_status, day, ${HANDOVER_MEASURES})
       SELECT program_code, region_code, '', report_today(), sum(s), sum(v), sum(r)
         FROM (SELECT o.program_code, left(o.region_code, ${len}) AS region_code, -1 AS s,
                      -(o.status = 'verified')::int AS v, -(o.status = 'rejected')::int AS r FROM old_rows o
               UNION ALL
               SELECT n.program_code, left(n.region_code, ${len}), 1,
                      (n.status = 'verified')::int, (n.status = 'rejected')::int FROM new_rows n) d
        GROUP BY 1, 2
       HAVING sum(s) <> 0 OR sum(v) <> 0 OR sum(r) <> 0;
     END IF;
     RETURN NULL;
   END $fn$`,
  `CREATE OR REPLACE FUNCTION report_backfill_facts() RETURNS void LANGUAGE sql AS $fn$
  INSERT INTO report_facts (program_code, region_code, need_status, day, ${NEED_MEASURES})
  SELECT program_code, left(region_code, ${len}), status, ${jakartaDay('coalesce(published_at, created_at)')}, count(*),
         sum(quantity), sum(allocated_quantity), sum(delivered_quantity), sum(beneficiary_count),
         sum(beneficiary_count::bigint * delivered_quantity / quantity)
    FROM needs GROUP BY 1, 2, 3, 4;
  INSERT INTO report_facts (program_code, region_code, need_status, day, ${HANDOVER_MEASURES})
  SELECT program_code, left(region_code, ${len}), '', ${jakartaDay('created_at')}, count(*), 0, 0
    FROM handovers GROUP BY 1, 2, 4;
  INSERT INTO report_facts (program_code, region_code, need_status, day, ${HANDOVER_MEASURES})
  SELECT program_code, left(region_code, ${len}), '', ${jakartaDay('coalesce(decided_at, updated_at)')}, 0,
         count(*) FILTER (WHERE status = 'verified'), count(*) FILTER (WHERE status = 'rejected')
    FROM handovers WHERE status <> 'submitted' GROUP BY 1, 2, 4;
$fn$`,
  // Rebuild the region and daily rollups at the new key length (what RollupFolder.rebuild does, minus commitments).
  `LOCK TABLE report_region_rollups, report_daily_rollups, report_facts IN EXCLUSIVE MODE`,
  `TRUNCATE report_region_rollups, report_daily_rollups, report_facts`,
  `SELECT report_backfill_facts()`,
];

export class RollupsAtRw1795447700000 implements MigrationInterface {
  name = 'RollupsAtRw1795447700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of functions(RW)) await queryRunner.query(sql);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of functions(VILLAGE)) await queryRunner.query(sql);
  }
}
