import type { QueryRunner } from 'typeorm';
import { deterministicUuid } from './deterministic';
import { execute } from './seed-query';
import { PACKAGES, PROGRAMS } from './programs.data';

/**
 * Programs and packages are data an operator may edit afterwards (status, dates, values), so existing rows are
 * never touched: re-seeding only adds what is missing.
 */
export async function seedPrograms(runner: QueryRunner): Promise<number> {
  return execute(
    runner,
    `INSERT INTO programs (code, name, description, status, opens_at, eligibility, claim_hold_days)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::int[])
     ON CONFLICT (code) DO NOTHING`,
    [
      PROGRAMS.map((p) => p.code),
      PROGRAMS.map((p) => p.name),
      PROGRAMS.map((p) => p.description),
      PROGRAMS.map((p) => p.status),
      PROGRAMS.map((p) => p.opensAt),
      PROGRAMS.map((p) => p.eligibility),
      PROGRAMS.map((p) => p.claimHoldDays),
    ],
  );
}

/** Package ids derive from (program, code), so the same package has the same id in every environment. */
export function packageId(programCode: string, code: string): string {
  return deterministicUuid(`package:${programCode}:${code}`);
}

export async function seedPackages(runner: QueryRunner): Promise<number> {
  return execute(
    runner,
    `INSERT INTO packages (id, program_code, code, name, unit, unit_value_min, unit_value_max, work_items,
                           beneficiary_kind)
     SELECT p.id, p.program_code, p.code, p.name, p.unit, p.unit_value_min, p.unit_value_max, p.work_items::jsonb,
            p.beneficiary_kind
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[],
                   $8::text[], $9::text[])
            AS p(id, program_code, code, name, unit, unit_value_min, unit_value_max, work_items, beneficiary_kind)
     ON CONFLICT DO NOTHING`,
    [
      PACKAGES.map((p) => packageId(p.programCode, p.code)),
      PACKAGES.map((p) => p.programCode),
      PACKAGES.map((p) => p.code),
      PACKAGES.map((p) => p.name),
      PACKAGES.map((p) => p.unit),
      PACKAGES.map((p) => p.unitValueMin),
      PACKAGES.map((p) => p.unitValueMax),
      PACKAGES.map((p) => JSON.stringify(p.workItems)),
      PACKAGES.map((p) => p.beneficiaryKind),
    ],
  );
}
