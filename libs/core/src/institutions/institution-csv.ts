import { copyText } from '../common/csv-staging';
import { InvalidInputError } from '../common/domain-errors';
import { INSTITUTION_KINDS, InstitutionKind, SCHOOL_LEVELS, SchoolLevel } from './institution.entity';

/** The columns of an institutions CSV. `ref` is the NPSN, NIB or Loksem code; npsn/nib may be given instead. */
export const INSTITUTION_CSV_COLUMNS = [
  'kind',
  'name',
  'npsn',
  'nib',
  'siteCode',
  'schoolLevel',
  'jakpreneurMember',
  'address',
  'regionCode',
  'lon',
  'lat',
] as const;
export type InstitutionCsvColumn = (typeof INSTITUTION_CSV_COLUMNS)[number];
const REQUIRED: readonly InstitutionCsvColumn[] = ['kind', 'name', 'regionCode'];

export type InstitutionCsvLayout = Record<InstitutionCsvColumn, number | undefined> & { width: number };

export interface StagedInstitutionRow {
  line: number;
  kind: InstitutionKind;
  ref: string;
  name: string;
  schoolLevel: SchoolLevel | null;
  jakpreneurMember: boolean;
  address: string;
  regionCode: string;
  lon: number | null;
  lat: number | null;
}

export const NPSN = /^\d{8}$/;
export const NIB = /^\d{13}$/;
export const SITE_CODE = /^[A-Za-z0-9._/-]{1,40}$/;
/** A kelurahan, or an RW of one. */
export const INSTITUTION_REGION = /^31\.\d{2}\.\d{2}\.\d{4}(\.RW\d{2})?$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)$/;
const TRUE = new Set(['true', 'ya', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'tidak', 'no', '0', 'n', '']);

export function institutionCsvLayout(header: string[]): InstitutionCsvLayout {
  const names = header.map((h) => h.trim());
  const unknown = names.filter((n) => !(INSTITUTION_CSV_COLUMNS as readonly string[]).includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  const missing = REQUIRED.filter((c) => !names.includes(c));
  const problems = [
    ...(missing.length ? [`missing column(s) ${missing.join(', ')}`] : []),
    ...(unknown.length ? [`unknown column(s) ${unknown.join(', ')}`] : []),
    ...(repeated.length ? [`repeated column(s) ${[...new Set(repeated)].join(', ')}`] : []),
  ];
  if (problems.length) {
    throw new InvalidInputError(
      `the CSV header is not usable: ${problems.join('; ')} (columns: ${INSTITUTION_CSV_COLUMNS.join(',')})`,
      [{ field: 'file', message: problems.join('; ') }],
    );
  }
  const layout = { width: names.length } as InstitutionCsvLayout;
  for (const column of INSTITUTION_CSV_COLUMNS) {
    const at = names.indexOf(column);
    layout[column] = at < 0 ? undefined : at;
  }
  return layout;
}

const clip = (v: string): string => (v.length > 40 ? `${v.slice(0, 37)}...` : v);

/** The id an institution of this kind is known by, and the error when it is missing or malformed. */
export function institutionRef(
  kind: InstitutionKind,
  ids: { npsn?: string | null; nib?: string | null; siteCode?: string | null },
): { ref: string } | { field: 'npsn' | 'nib' | 'siteCode'; message: string } {
  const [field, value, pattern, shape] =
    kind === 'school'
      ? (['npsn', ids.npsn, NPSN, '8 digits'] as const)
      : kind === 'msme'
        ? (['nib', ids.nib, NIB, '13 digits'] as const)
        : (['siteCode', ids.siteCode, SITE_CODE, 'up to 40 letters, digits or . _ / -'] as const);
  if (!value) return { field, message: `${field} is required for a ${kind}` };
  if (!pattern.test(value)) return { field, message: `${field} "${clip(value)}" must be ${shape}` };
  return { ref: value };
}

/** Checks one record's shape; the region is checked in SQL afterwards. */
export function checkInstitutionCsvRecord(
  layout: InstitutionCsvLayout,
  record: string[],
  line: number,
): { ok: true; row: StagedInstitutionRow } | { ok: false; errors: string[] } {
  if (record.length !== layout.width) {
    return { ok: false, errors: [`has ${record.length} field(s); the header has ${layout.width}`] };
  }
  const cell = (c: InstitutionCsvColumn): string => {
    const at = layout[c];
    return at === undefined ? '' : record[at].trim();
  };
  const errors: string[] = [];
  const kind = cell('kind') as InstitutionKind;
  if (!(INSTITUTION_KINDS as readonly string[]).includes(kind))
    errors.push(`kind "${clip(kind)}" must be one of ${INSTITUTION_KINDS.join(', ')}`);
  const name = cell('name');
  if (!name) errors.push('name is required');
  else if (name.length > 200) errors.push('name is longer than 200 characters');
  const address = cell('address');
  if (address.length > 500) errors.push('address is longer than 500 characters');
  const regionCode = cell('regionCode');
  if (!INSTITUTION_REGION.test(regionCode))
    errors.push(`regionCode "${clip(regionCode)}" must be a kelurahan (31.71.01.1001) or one of its RWs (….RW05)`);
  let ref = '';
  if (errors.every((e) => !e.startsWith('kind'))) {
    const r = institutionRef(kind, { npsn: cell('npsn'), nib: cell('nib'), siteCode: cell('siteCode') });
    if ('ref' in r) ref = r.ref;
    else errors.push(r.message);
  }
  const levelText = cell('schoolLevel');
  const level = SCHOOL_LEVELS.find((l) => l.toLowerCase() === levelText.toLowerCase()) ?? null;
  if (kind === 'school' && !level) errors.push(`schoolLevel "${clip(levelText)}" must be one of ${SCHOOL_LEVELS.join(', ')}`);
  if (kind !== 'school' && levelText) errors.push('schoolLevel is only for schools');
  const member = cell('jakpreneurMember').toLowerCase();
  if (!TRUE.has(member) && !FALSE.has(member)) errors.push(`jakpreneurMember "${clip(member)}" must be true or false`);
  const jakpreneurMember = TRUE.has(member);
  if (jakpreneurMember && kind !== 'msme') errors.push('jakpreneurMember is only for MSMEs');
  const lon = coordinate(cell('lon'), 'lon', 180, errors);
  const lat = coordinate(cell('lat'), 'lat', 90, errors);
  if ((lon === null) !== (lat === null) && !errors.some((e) => e.startsWith('lon') || e.startsWith('lat')))
    errors.push('lon and lat go together');
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    row: { line, kind, ref, name, schoolLevel: kind === 'school' ? level : null, jakpreneurMember, address, regionCode, lon, lat },
  };
}

function coordinate(v: string, name: string, bound: number, errors: string[]): number | null {
  if (v === '') return null;
  const n = NUMBER.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n) || n < -bound || n > bound) {
    errors.push(`${name} "${clip(v)}" must be a number within -${bound}..${bound}`);
    return null;
  }
  return n;
}

export function institutionCopyLine(r: StagedInstitutionRow): string {
  return (
    [r.line, r.kind, r.ref, r.name, r.schoolLevel, r.jakpreneurMember, r.address, r.regionCode, r.lon, r.lat]
      .map(copyText)
      .join('\t') + '\n'
  );
}

export const INSTITUTION_STAGING_COLUMNS =
  'line, kind, ref, name, school_level, jakpreneur_member, address, region_code, lon, lat';
