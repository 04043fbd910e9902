import { clipped, copyText, csvCoordinate, CsvLayout, csvHeaderLayout } from '../common/csv-staging';
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

export type InstitutionCsvLayout = CsvLayout<InstitutionCsvColumn>;

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
const TRUE = new Set(['true', 'ya', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'tidak', 'no', '0', 'n', '']);

export function institutionCsvLayout(header: string[]): InstitutionCsvLayout {
  return csvHeaderLayout(header, INSTITUTION_CSV_COLUMNS, REQUIRED);
}

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
  if (!pattern.test(value)) return { field, message: `${field} "${clipped(value)}" must be ${shape}` };
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
    errors.push(`kind "${clipped(kind)}" must be one of ${INSTITUTION_KINDS.join(', ')}`);
  const name = cell('name');
  if (!name) errors.push('name is required');
  else if (name.length > 200) errors.push('name is longer than 200 characters');
  const address = cell('address');
  if (address.length > 500) errors.push('address is longer than 500 characters');
  const regionCode = cell('regionCode');
  if (!INSTITUTION_REGION.test(regionCode))
    errors.push(`regionCode "${clipped(regionCode)}" must be a kelurahan (31.71.01.1001) or one of its RWs (….RW05)`);
  let ref = '';
  if (errors.every((e) => !e.startsWith('kind'))) {
    const r = institutionRef(kind, { npsn: cell('npsn'), nib: cell('nib'), siteCode: cell('siteCode') });
    if ('ref' in r) ref = r.ref;
    else errors.push(r.message);
  }
  const levelText = cell('schoolLevel');
  const level = SCHOOL_LEVELS.find((l) => l.toLowerCase() === levelText.toLowerCase()) ?? null;
  if (kind === 'school' && !level) errors.push(`schoolLevel "${clipped(levelText)}" must be one of ${SCHOOL_LEVELS.join(', ')}`);
  if (kind !== 'school' && levelText) errors.push('schoolLevel is only for schools');
  const member = cell('jakpreneurMember').toLowerCase();
  if (!TRUE.has(member) && !FALSE.has(member)) errors.push(`jakpreneurMember "${clipped(member)}" must be true or false`);
  const jakpreneurMember = TRUE.has(member);
  if (jakpreneurMember && kind !== 'msme') errors.push('jakpreneurMember is only for MSMEs');
  const lon = csvCoordinate(cell('lon'), 'lon', 180, errors);
  const lat = csvCoordinate(cell('lat'), 'lat', 90, errors);
  if ((lon === null) !== (lat === null) && !errors.some((e) => e.startsWith('lon') || e.startsWith('lat')))
    errors.push('lon and lat go together');
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    row: { line, kind, ref, name, schoolLevel: kind === 'school' ? level : null, jakpreneurMember, address, regionCode, lon, lat },
  };
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
