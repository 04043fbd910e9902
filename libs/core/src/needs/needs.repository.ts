import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ACTIVE_ALLOCATION_STATUSES } from '../common/allocation-status';
import { RegionLevel } from '../regions/region.entity';
import { ProgramStatus } from '../programs/program.entity';
import type { PackageTargetKind } from '../programs/package.entity';
import type { InstitutionKind } from '../institutions/institution.entity';
import { NeedStatus } from './need.entity';
import { NEED_LIFECYCLE, NeedTransition, statusAfterQuantitySql } from './need-lifecycle';

/** The field contact as given by an operator or a file; unset parts are stored as null. */
export interface NeedContactFields {
  name: string;
  role?: string | null;
  phone?: string | null;
}

export interface NewNeed {
  programCode: string;
  packageId: string;
  regionCode: string;
  title: string;
  description: string;
  quantity: number;
  beneficiaryCount: number;
  source: string;
  sourceRef: string | null;
  location: { lon: number; lat: number } | null;
  contact: NeedContactFields | null;
  dueDate: string | null;
  createdBy: string | null;
  targetInstitutionId?: string | null;
}

/** Fields a PATCH may change; undefined = unchanged, null = cleared. */
export interface NeedChanges {
  title?: string;
  description?: string;
  quantity?: number;
  beneficiaryCount?: number;
  dueDate?: string | null;
  location?: { lon: number; lat: number } | null;
  contact?: NeedContactFields | null;
  regionCode?: string;
  source?: string;
  sourceRef?: string | null;
}

/** What the references of a new need resolve to; null where they do not exist. */
export interface NeedReferences {
  programStatus: ProgramStatus | null;
  packageId: string | null;
  regionLevel: RegionLevel | null;
  /** the package's eligibility rule */
  packageTargetKind: PackageTargetKind | null;
  packageSourceList: string | null;
  /** the target institution, when one was named and exists */
  target: { kind: InstitutionKind; jakpreneurMember: boolean; regionCode: string } | null;
}

/** The facts that explain why a conditional statement on a need changed nothing. */
export interface NeedState {
  status: NeedStatus;
  version: number;
  allocatedQuantity: number;
  programStatus: ProgramStatus;
  activeAllocations: number;
}

const ACTIVE = ACTIVE_ALLOCATION_STATUSES.map((s) => `'${s}'`).join(', ');
const JAKARTA = `(code = '31' OR code LIKE '31.%')`;

/** Writes to needs. Every change is one conditional statement; a statement that changed nothing is then explained. */
@Injectable()
export class NeedsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async references(
    programCode: string,
    packageCode: string | null,
    regionCode: string | null,
    targetInstitutionId: string | null = null,
  ): Promise<NeedReferences> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT status FROM programs WHERE code = $1) AS "programStatus",
              pk.id AS "packageId", pk.target_kind AS "packageTargetKind", pk.source_list AS "packageSourceList",
              (SELECT level FROM regions WHERE code = coalesce(t.region_code, $3) AND ${JAKARTA}) AS "regionLevel",
              CASE WHEN t.id IS NULL THEN NULL
                   ELSE json_build_object('kind', t.kind, 'jakpreneurMember', t.jakpreneur_member, 'regionCode', t.region_code)
              END AS target
         FROM (SELECT 1) one
         LEFT JOIN packages pk ON pk.program_code = $1 AND pk.code = $2
         LEFT JOIN institutions t ON t.id = $4::uuid`,
      [programCode, packageCode, regionCode, targetInstitutionId],
    );
    return row as NeedReferences;
  }

  /** The eligibility rule of a need's package and its current target (for an update that changes the target). */
  async ruleOf(needId: string): Promise<{ programCode: string; packageCode: string; source: string; targetInstitutionId: string | null } | null> {
    const rows = await this.dataSource.query(
      `SELECT n.program_code AS "programCode", pk.code AS "packageCode", n.source, n.target_institution_id AS "targetInstitutionId"
         FROM needs n JOIN packages pk ON pk.id = n.package_id WHERE n.id = $1`,
      [needId],
    );
    return rows[0] ?? null;
  }

  /** Inserts a draft need; null when a need with the same (program, sourceRef) already exists. */
  async insert(manager: EntityManager, need: NewNeed): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO needs (program_code, package_id, region_code, title, description, quantity, beneficiary_count, status,
                          source, source_ref, location, contact_name, contact_role, contact_phone, due_date, created_by,
                          target_institution_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9,
               CASE WHEN $10::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($10, $11), 4326) END,
               $12, $13, $14, $15, $16, $17)
       ON CONFLICT (program_code, source_ref) DO NOTHING
       RETURNING id`,
      [
        need.programCode,
        need.packageId,
        need.regionCode,
        need.title,
        need.description,
        need.quantity,
        need.beneficiaryCount,
        need.source,
        need.sourceRef,
        need.location?.lon ?? null,
        need.location?.lat ?? null,
        need.contact?.name ?? null,
        need.contact?.role ?? null,
        need.contact?.phone ?? null,
        need.dueDate,
        need.createdBy,
        need.targetInstitutionId ?? null,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Applies the changes in one conditional UPDATE: only if the version matches (when given), the need is still
   * editable and the new quantity still covers what is allocated. Returns the changed fields' previous values, or
   * null when nothing was updated (ask `state` why).
   */
  async update(
    manager: EntityManager,
    id: string,
    changes: NeedChanges,
    editable: readonly NeedStatus[],
    expectedVersion?: number,
  ): Promise<Record<string, unknown> | null> {
    const params: unknown[] = [id, editable, expectedVersion ?? null];
    const bind = (v: unknown): string => `$${params.push(v)}`;
    const set: string[] = [];
    const before: string[] = [];
    const column = (field: string, name: string, value: unknown): void => {
      set.push(`${name} = ${bind(value)}`);
      before.push(`'${field}', o.${name}`);
    };
    if (changes.title !== undefined) column('title', 'title', changes.title);
    if (changes.description !== undefined) column('description', 'description', changes.description);
    if (changes.beneficiaryCount !== undefined)
      column('beneficiaryCount', 'beneficiary_count', changes.beneficiaryCount);
    if (changes.dueDate !== undefined) column('dueDate', 'due_date', changes.dueDate);
    if (changes.regionCode !== undefined) column('regionCode', 'region_code', changes.regionCode);
    if (changes.source !== undefined) column('source', 'source', changes.source);
    if (changes.sourceRef !== undefined) column('sourceRef', 'source_ref', changes.sourceRef);
    if (changes.location !== undefined) {
      const loc = changes.location;
      set.push(
        `location = ${loc ? `ST_SetSRID(ST_MakePoint(${bind(loc.lon)}::float8, ${bind(loc.lat)}::float8), 4326)` : 'NULL'}`,
      );
      before.push(
        `'location', CASE WHEN o.location IS NULL THEN NULL ELSE json_build_object('lon', ST_X(o.location), 'lat', ST_Y(o.location)) END`,
      );
    }
    if (changes.contact !== undefined) {
      // The contact is personal data: the audit records that it changed, not what it was.
      set.push(`contact_name = ${bind(changes.contact?.name ?? null)}`);
      set.push(`contact_role = ${bind(changes.contact?.role ?? null)}`);
      set.push(`contact_phone = ${bind(changes.contact?.phone ?? null)}`);
      before.push(
        `'hasContact', (o.contact_name IS NOT NULL OR o.contact_role IS NOT NULL OR o.contact_phone IS NOT NULL)`,
      );
    }
    let guards = '';
    if (changes.quantity !== undefined) {
      const quantity = `${bind(changes.quantity)}::int`;
      set.push(`quantity = ${quantity}`, `status = ${statusAfterQuantitySql('n', quantity)}`);
      before.push(`'quantity', o.quantity`, `'status', o.status`);
      guards = `AND n.allocated_quantity <= ${quantity}`;
    }
    if (changes.sourceRef) {
      // Checked here rather than left to the unique index, so a clash is explained instead of failing the statement.
      guards += ` AND NOT EXISTS (SELECT 1 FROM needs d WHERE d.program_code = n.program_code
                                              AND d.source_ref = ${bind(changes.sourceRef)} AND d.id <> n.id)`;
    }
    before.push(`'version', o.version`);
    const rows = updatedRows<{ before: Record<string, unknown> }>(
      await manager.query(
        `WITH o AS (SELECT * FROM needs WHERE id = $1 FOR UPDATE)
       UPDATE needs n SET ${[...set, 'version = n.version + 1', 'updated_at = now()'].join(', ')}
         FROM o
        WHERE n.id = o.id AND n.status = ANY($2::text[]) AND ($3::int IS NULL OR n.version = $3) ${guards}
       RETURNING json_build_object(${before.join(', ')}) AS before`,
        params,
      ),
    );
    return rows[0]?.before ?? null;
  }

  /**
   * Moves the need along its lifecycle in one conditional UPDATE. Cancelling also requires that no allocation is
   * active; `allocated_quantity = 0` is checked on the row itself so a claim committed meanwhile is seen.
   */
  async transition(
    manager: EntityManager,
    id: string,
    transition: NeedTransition,
    expectedVersion?: number,
  ): Promise<boolean> {
    const rule = NEED_LIFECYCLE[transition];
    const guards: Record<NeedTransition, string> = {
      publish: `AND EXISTS (SELECT 1 FROM programs p WHERE p.code = n.program_code AND p.status = 'open')`,
      close: '',
      cancel: `AND n.allocated_quantity = 0
               AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.need_id = n.id AND a.status IN (${ACTIVE}))`,
    };
    const result = await manager.query(
      `UPDATE needs n
          SET status = $2, version = n.version + 1, updated_at = now()
              ${transition === 'publish' ? ', published_at = now()' : ''}
        WHERE n.id = $1 AND n.status = ANY($3::text[]) AND ($4::int IS NULL OR n.version = $4) ${guards[transition]}
       RETURNING n.id`,
      [id, rule.to, rule.from, expectedVersion ?? null],
    );
    return updatedRows(result).length === 1;
  }

  /** The current state of a need and what bears on changing it; null when it does not exist. */
  async state(manager: EntityManager, id: string): Promise<NeedState | null> {
    const rows: NeedState[] = await manager.query(
      `SELECT n.status, n.version, n.allocated_quantity AS "allocatedQuantity", p.status AS "programStatus",
              (SELECT count(*)::int FROM allocations a WHERE a.need_id = n.id AND a.status IN (${ACTIVE})) AS "activeAllocations"
         FROM needs n JOIN programs p ON p.code = n.program_code
        WHERE n.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Whether another need of the same program already carries this sourceRef. */
  async sourceRefTaken(manager: EntityManager, id: string, sourceRef: string): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM needs d JOIN needs n ON n.program_code = d.program_code WHERE n.id = $1 AND d.source_ref = $2 AND d.id <> n.id`,
      [id, sourceRef],
    );
    return rows.length > 0;
  }

  async regionExists(code: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM regions WHERE code = $1 AND ${JAKARTA}`, [code]);
    return rows.length > 0;
  }
}

/** TypeORM answers an UPDATE with `[rows, affectedCount]` rather than the rows alone. */
function updatedRows<T>(result: unknown): T[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}
