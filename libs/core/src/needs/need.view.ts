import { ACTIVE_ALLOCATION_STATUSES } from '../common/allocation-status';
import { sortKeysOf } from '../common/pagination';
import { Principal } from '../common/request-context';
import { RegionLevel } from '../regions/region.entity';
import { NeedStatus } from './need.entity';
import type { InstitutionKind } from '../institutions/institution.entity';

export interface NeedContact {
  name: string | null;
  role: string | null;
  phone: string | null;
}

/** A need as callers see it: names of its program, package and region resolved, the contact only when allowed. */
export interface NeedView {
  id: string;
  program: { code: string; name: string };
  package: { id: string; code: string; name: string; unit: string };
  region: { code: string; name: string; level: RegionLevel };
  /** The school, MSME or vendor site the need is for (reference data, never a private person). */
  targetInstitution: { id: string; kind: InstitutionKind; name: string } | null;
  title: string;
  description: string;
  quantity: number;
  allocatedQuantity: number;
  deliveredQuantity: number;
  availableQuantity: number;
  beneficiaryCount: number;
  status: NeedStatus;
  source: string;
  sourceRef: string | null;
  location: { lon: number; lat: number } | null;
  contact: NeedContact | null;
  dueDate: string | null;
  publishedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The fields of a need callers may sort a list by. */
export const NEED_SORT_FIELDS = [
  'createdAt',
  'dueDate',
  'quantity',
  'availableQuantity',
  'title',
] as const satisfies readonly (keyof NeedView)[];
export type NeedSortField = (typeof NEED_SORT_FIELDS)[number];
/** `?sort=` values of a needs list: each field ascending, then descending. */
export const NEED_SORT_KEYS = sortKeysOf(NEED_SORT_FIELDS);

/**
 * Who may see the field contact (personal data): staff always; a collaborator or aggregator only on needs it holds
 * an active allocation on; everyone else never.
 */
export type ContactAudience =
  | { kind: 'everyone' }
  | { kind: 'collaborator'; collaboratorId: string }
  | { kind: 'aggregator'; aggregatorId: string }
  | { kind: 'nobody' };

export function contactAudienceOf(principal: Principal | null | undefined): ContactAudience {
  if (!principal) return { kind: 'nobody' };
  if (principal.kind === 'system' || principal.role === 'admin' || principal.role === 'operator')
    return { kind: 'everyone' };
  if (principal.role === 'collaborator' && principal.collaboratorId) {
    return { kind: 'collaborator', collaboratorId: principal.collaboratorId };
  }
  if (principal.role === 'aggregator' && principal.aggregatorId)
    return { kind: 'aggregator', aggregatorId: principal.aggregatorId };
  return { kind: 'nobody' };
}

const ACTIVE = ACTIVE_ALLOCATION_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * The SQL boolean deciding, per need row `n`, whether the contact is shown; `bind` adds a parameter and returns its
 * placeholder. Evaluated in the database so a list needs no extra query per row and the contact never leaves it
 * when hidden.
 */
export function contactVisibleSql(audience: ContactAudience, bind: (value: unknown) => string): string {
  const holder = (column: 'collaborator_id' | 'aggregator_id', id: string): string =>
    `EXISTS (SELECT 1 FROM allocations a JOIN commitments c ON c.id = a.commitment_id
             WHERE a.need_id = n.id AND a.status IN (${ACTIVE}) AND c.${column} = ${bind(id)})`;
  switch (audience.kind) {
    case 'everyone':
      return 'true';
    case 'collaborator':
      return holder('collaborator_id', audience.collaboratorId);
    case 'aggregator':
      return holder('aggregator_id', audience.aggregatorId);
    case 'nobody':
      return 'false';
  }
}

/** Columns of a need row `n` joined to its program `pr`, package `pk`, region `r` and visibility `v`. */
export const NEED_VIEW_COLUMNS = `
  n.id, n.program_code AS "programCode", pr.name AS "programName",
  pk.id AS "packageId", pk.code AS "packageCode", pk.name AS "packageName", pk.unit AS "packageUnit",
  r.code AS "regionCode", r.name AS "regionName", r.level AS "regionLevel",
  ti.id AS "targetId", ti.kind AS "targetKind", ti.name AS "targetName",
  n.title, n.description, n.quantity, n.allocated_quantity AS "allocatedQuantity",
  n.delivered_quantity AS "deliveredQuantity", n.beneficiary_count AS "beneficiaryCount", n.status, n.source,
  n.source_ref AS "sourceRef", ST_X(n.location) AS lon, ST_Y(n.location) AS lat,
  v.visible AS "contactVisible",
  CASE WHEN v.visible THEN n.contact_name END AS "contactName",
  CASE WHEN v.visible THEN n.contact_role END AS "contactRole",
  CASE WHEN v.visible THEN n.contact_phone END AS "contactPhone",
  to_char(n.due_date, 'YYYY-MM-DD') AS "dueDate", n.published_at AS "publishedAt", n.version,
  n.created_at AS "createdAt", n.updated_at AS "updatedAt"`;

/** Joins completing `FROM needs n` (or a subquery aliased n) for NEED_VIEW_COLUMNS. */
export function needViewJoins(visibleSql: string): string {
  return `JOIN programs pr ON pr.code = n.program_code
          JOIN packages pk ON pk.id = n.package_id
          JOIN regions r ON r.code = n.region_code
          LEFT JOIN institutions ti ON ti.id = n.target_institution_id
          CROSS JOIN LATERAL (SELECT ${visibleSql} AS visible) v`;
}

export interface NeedViewRow {
  id: string;
  programCode: string;
  programName: string;
  packageId: string;
  packageCode: string;
  packageName: string;
  packageUnit: string;
  regionCode: string;
  regionName: string;
  regionLevel: RegionLevel;
  targetId: string | null;
  targetKind: InstitutionKind | null;
  targetName: string | null;
  title: string;
  description: string;
  quantity: number;
  allocatedQuantity: number;
  deliveredQuantity: number;
  beneficiaryCount: number;
  status: NeedStatus;
  source: string;
  sourceRef: string | null;
  lon: number | null;
  lat: number | null;
  contactVisible: boolean;
  contactName: string | null;
  contactRole: string | null;
  contactPhone: string | null;
  dueDate: string | null;
  publishedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function toNeedView(row: NeedViewRow): NeedView {
  const hasContact =
    row.contactVisible && (row.contactName !== null || row.contactRole !== null || row.contactPhone !== null);
  return {
    id: row.id,
    program: { code: row.programCode, name: row.programName },
    package: { id: row.packageId, code: row.packageCode, name: row.packageName, unit: row.packageUnit },
    region: { code: row.regionCode, name: row.regionName, level: row.regionLevel },
    targetInstitution:
      row.targetId && row.targetKind && row.targetName !== null
        ? { id: row.targetId, kind: row.targetKind, name: row.targetName }
        : null,
    title: row.title,
    description: row.description,
    quantity: row.quantity,
    allocatedQuantity: row.allocatedQuantity,
    deliveredQuantity: row.deliveredQuantity,
    availableQuantity: row.quantity - row.allocatedQuantity,
    beneficiaryCount: row.beneficiaryCount,
    status: row.status,
    source: row.source,
    sourceRef: row.sourceRef,
    location: row.lon === null || row.lat === null ? null : { lon: row.lon, lat: row.lat },
    contact: hasContact ? { name: row.contactName, role: row.contactRole, phone: row.contactPhone } : null,
    dueDate: row.dueDate,
    publishedAt: row.publishedAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What the audit trail keeps of a need: everything but the field contact (personal data) and the raw geometry. */
export function auditableNeed(view: NeedView): Record<string, unknown> {
  const { contact, ...rest } = view;
  return { ...rest, hasContact: contact !== null };
}
