import { MigrationInterface, QueryRunner } from 'typeorm';
import { skeletonMappings } from '../../common/confusable-skeleton';

/**
 * Look-alike skeletons (see common/confusable-skeleton.ts) of users' emails and of collaborators' and aggregators'
 * names, indexed, so the verification queue can warn an operator that a new account or organisation looks like an
 * existing one. The database computes them in a BEFORE trigger on every insert and update, whoever writes the row
 * (the services, the registration's SQL, the seed, a console), from a per-character table built here; existing rows
 * are backfilled by the same function.
 */
const SKELETON_COLUMNS: [table: string, source: string, column: string, index: string][] = [
  ['users', 'email', 'email_skeleton', 'ix_users_email_skeleton'],
  ['collaborators', 'name', 'name_skeleton', 'ix_collaborators_name_skeleton'],
  ['aggregators', 'name', 'name_skeleton', 'ix_aggregators_name_skeleton'],
];

export class IdentitySkeletons1795446100000 implements MigrationInterface {
  name = 'IdentitySkeletons1795446100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "identity_confusables" ("source" text PRIMARY KEY, "target" text NOT NULL)`);
    const pairs = skeletonMappings();
    await queryRunner.query(`INSERT INTO identity_confusables (source, target) SELECT * FROM unnest($1::text[], $2::text[])`, [
      pairs.map(([source]) => source),
      pairs.map(([, target]) => target),
    ]);
    await queryRunner.query(`
      CREATE FUNCTION identity_skeleton(input text) RETURNS text LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(string_agg(coalesce(c.target, t.ch), '' ORDER BY t.ord), '')
          FROM regexp_split_to_table(normalize(normalize(input, NFKC), NFD), '') WITH ORDINALITY AS t(ch, ord)
          LEFT JOIN identity_confusables c ON c.source = t.ch
         WHERE t.ch !~ '\\s'
      $$`);
    for (const [table, source, column, index] of SKELETON_COLUMNS) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "${column}" text`);
      await queryRunner.query(`UPDATE "${table}" SET "${column}" = identity_skeleton("${source}")`);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" SET NOT NULL`);
      await queryRunner.query(`CREATE INDEX "${index}" ON "${table}" ("${column}")`);
      await queryRunner.query(`
        CREATE FUNCTION ${table}_${column}() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          NEW.${column} := identity_skeleton(NEW.${source});
          RETURN NEW;
        END $fn$`);
      await queryRunner.query(
        `CREATE TRIGGER trg_${table}_${column} BEFORE INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION ${table}_${column}()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, , column, index] of [...SKELETON_COLUMNS].reverse()) {
      await queryRunner.query(`DROP TRIGGER trg_${table}_${column} ON "${table}"`);
      await queryRunner.query(`DROP FUNCTION ${table}_${column}()`);
      await queryRunner.query(`DROP INDEX "public"."${index}"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
    }
    await queryRunner.query(`DROP FUNCTION identity_skeleton(text)`);
    await queryRunner.query(`DROP TABLE "identity_confusables"`);
  }
}
