import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The accuracy (metres, as the device's Geolocation API reported it) of a handover's point: shown to staff next to
 * the coordinates, so an operator can tell a GPS fix (±10 m) from a cell-tower guess (±2 km). Only with a point, and
 * not part of the signed BAST content (the ledger's hashes are unchanged) nor of anything public.
 */
export class HandoverLocationAccuracy1795447500000 implements MigrationInterface {
  name = 'HandoverLocationAccuracy1795447500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE handovers ADD COLUMN location_accuracy_m integer`);
    await queryRunner.query(
      `ALTER TABLE handovers ADD CONSTRAINT ck_handovers_location_accuracy
         CHECK (location_accuracy_m IS NULL OR (location IS NOT NULL AND location_accuracy_m BETWEEN 0 AND 100000))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE handovers DROP CONSTRAINT ck_handovers_location_accuracy`);
    await queryRunner.query(`ALTER TABLE handovers DROP COLUMN location_accuracy_m`);
  }
}
