import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second region rollup, per program × kelurahan × need status, folded from the same delta log in the same
 * statement as the RW rollup. Since RollupsAtRw the region rollup holds one row per RW (~27,000 per program and
 * status), so a kelurahan, kecamatan or city report summed ~27,000 rows; from this one it sums ~270. Reports at RW
 * level keep reading the RW rollup. Filled from the RW rollup under the fold's own lock, so no fold runs between
 * the copy and the first fold that keeps it.
 */
export class VillageRollups1795448800000 implements MigrationInterface {
  name = 'VillageRollups1795448800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "report_village_rollups" (
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
                CONSTRAINT "PK_c7d2f72e63d8a83b3f30a9b8746" PRIMARY KEY ("program_code", "region_code", "need_status")
            )
        `);
    await queryRunner.query(`SELECT pg_advisory_xact_lock(hashtext('ksbb.reports.fold'))`);
    await queryRunner.query(`
            INSERT INTO report_village_rollups (program_code, region_code, need_status, needs, quantity, allocated,
                   delivered, beneficiaries, beneficiaries_reached, handovers_submitted, handovers_verified,
                   handovers_rejected)
            SELECT program_code, left(region_code, 13), need_status, sum(needs), sum(quantity), sum(allocated),
                   sum(delivered), sum(beneficiaries), sum(beneficiaries_reached), sum(handovers_submitted),
                   sum(handovers_verified), sum(handovers_rejected)
              FROM report_region_rollups GROUP BY 1, 2, 3
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "report_village_rollups"`);
  }
}
