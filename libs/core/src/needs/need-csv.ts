import { clipped, copyText, csvCoordinate, CsvLayout, csvHeaderLayout } from '../common/csv-staging';
import { csvField } from '../common/csv';

/** The columns of a needs CSV, in the order they are staged. */
export const NEED_CSV_COLUMNS = [
  'programCode',
  'packageCode',
  'regionCode',
  'title',
  'description',
  'quantity',
  'beneficiaryCount',
  'source',
  'sourceRef',
  'lon',
  'lat',
  'contactName',
  'contactRole',
  'contactPhone',
  'dueDate',
  'targetKind',
  'targetRef',
] as const;
export type NeedCsvColumn = (typeof NEED_CSV_COLUMNS)[number];

/** Columns every file must have; the others may be left out of the header. */
export const REQUIRED_NEED_CSV_COLUMNS: readonly NeedCsvColumn[] = [
  'programCode',
  'packageCode',
  'title',
  'quantity',
  'sourceRef',
];

/**
 * The columns the rejected rows' file adds in front of a row's values (its line in the uploaded file and why it was
 * refused). The importer ignores them, so a corrected rejected-rows file can be imported as it is.
 */
export const REJECTED_NEED_CSV_COLUMNS = ['rejectedLine', 'rejectedReasons'] as const;

/** What each column holds, for the template and the API documentation. */
export const NEED_CSV_COLUMN_NOTES: Record<NeedCsvColumn, string> = {
  programCode: 'required; a program code, e.g. PANGAN',
  packageCode: "required; one of the program's package codes, e.g. SEMBAKO",
  regionCode: 'required; a kelurahan, RW or RT code, e.g. 31.71.01.1001.RW01.RT001',
  title: 'required; up to 200 characters',
  description: 'optional text',
  quantity: 'required; a whole number of package units, at least 1',
  beneficiaryCount: 'optional; a whole number (0 when empty)',
  source: 'optional; where the need comes from (import when empty)',
  sourceRef: 'required; your reference, unique per program: a repeated sourceRef updates that need',
  lon: 'optional; longitude in degrees (with lat)',
  lat: 'optional; latitude in degrees (with lon)',
  contactName: 'optional; never shown in public',
  contactRole: 'optional; e.g. Ketua RT',
  contactPhone: 'optional; never shown in public',
  dueDate: 'optional; YYYY-MM-DD',
  targetKind: "optional; the target institution's kind (school, msme, vendor_site), with targetRef",
  targetRef: 'optional; the institution\'s NPSN (school), NIB (MSME) or site code (vendor site)',
};

/** One example row for the template, in NEED_CSV_COLUMNS order. */
export const NEED_CSV_EXAMPLE: Record<NeedCsvColumn, string> = {
  programCode: 'PANGAN',
  packageCode: 'SEMBAKO',
  regionCode: '31.71.01.1001.RW01.RT001',
  title: 'Sembako untuk lansia RT 001',
  description: 'Paket sembako bulanan',
  quantity: '25',
  beneficiaryCount: '25',
  source: 'musrenbang',
  sourceRef: 'RT001-2026-01',
  lon: '106.8227',
  lat: '-6.1754',
  contactName: '',
  contactRole: 'Ketua RT',
  contactPhone: '',
  dueDate: '2026-12-31',
  targetKind: '',
  targetRef: '',
};

/** Provenance recorded for imported rows that name none. */
export const IMPORT_SOURCE = 'import';

/** A row that passed the shape checks, as it goes into the staging table. */
export interface StagedNeedRow {
  line: number;
  programCode: string;
  packageCode: string;
  regionCode: string;
  title: string;
  description: string;
  quantity: number;
  beneficiaryCount: number;
  source: string;
  sourceRef: string;
  lon: number | null;
  lat: number | null;
  contactName: string | null;
  contactRole: string | null;
  contactPhone: string | null;
  dueDate: string | null;
  /** the target institution by kind and NPSN/NIB/site code; its region then replaces regionCode */
  targetKind: string | null;
  targetRef: string | null;
}

export type CheckedNeedRow = { ok: true; row: StagedNeedRow } | { ok: false; errors: string[] };

/** Where each column sits in a record, read from the header row. */
export type NeedCsvLayout = CsvLayout<NeedCsvColumn>;

const MAX_INT = 2_147_483_647;
const PROGRAM_CODE = /^[A-Z][A-Z0-9_]{1,31}$/;
const PACKAGE_CODE = /^[A-Z][A-Z0-9_]{1,47}$/;
const REGION_CODE = /^31(\.\d{2}(\.\d{2}(\.\d{4}(\.RW\d{2}(\.RT\d{3})?)?)?)?)?$/;
const INTEGER = /^\d+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PHONE = /^\+?[0-9 ()-]{4,32}$/;
const TARGET_KIND = /^(school|msme|vendor_site)$/;
const TARGET_REF = /^[A-Za-z0-9._/-]{1,40}$/;

export function needCsvLayout(header: string[]): NeedCsvLayout {
  return csvHeaderLayout(header, NEED_CSV_COLUMNS, REQUIRED_NEED_CSV_COLUMNS, REJECTED_NEED_CSV_COLUMNS);
}

/** Checks one record's shape (what needs no database); references are checked in SQL afterwards. */
export function checkNeedCsvRecord(layout: NeedCsvLayout, record: string[], line: number): CheckedNeedRow {
  const errors: string[] = [];
  if (record.length !== layout.width) {
    return { ok: false, errors: [`has ${record.length} field(s); the header has ${layout.width}`] };
  }
  const cell = (c: NeedCsvColumn): string => {
    const at = layout[c];
    return at === undefined ? '' : record[at].trim();
  };
  const optional = (c: NeedCsvColumn, max: number, pattern?: RegExp): string | null => {
    const v = cell(c);
    if (v === '') return null;
    if (v.length > max) errors.push(`${c} is longer than ${max} characters`);
    // Contact cells are personal data: never echoed back.
    else if (pattern && !pattern.test(v))
      errors.push(
        c.startsWith('contact') ? `${c} has the wrong format` : `${c} "${clipped(v)}" has the wrong format`,
      );
    return v;
  };
  const required = (c: NeedCsvColumn, max: number, pattern?: RegExp): string => {
    const v = cell(c);
    if (v === '') errors.push(`${c} is required`);
    else optional(c, max, pattern);
    return v;
  };

  const programCode = required('programCode', 32, PROGRAM_CODE);
  const packageCode = required('packageCode', 48, PACKAGE_CODE);
  const targetKind = optional('targetKind', 16, TARGET_KIND);
  const targetRef = optional('targetRef', 40, TARGET_REF);
  if ((targetKind === null) !== (targetRef === null)) errors.push('targetKind and targetRef go together');
  const regionCode = targetRef ? (optional('regionCode', 40, REGION_CODE) ?? '') : required('regionCode', 40, REGION_CODE);
  const title = required('title', 200);
  const description = optional('description', 5000) ?? '';
  const sourceRef = required('sourceRef', 120);
  const source = optional('source', 48) ?? IMPORT_SOURCE;
  const quantity = integer(cell('quantity'), 'quantity', 1, errors, true);
  const beneficiaryCount = integer(cell('beneficiaryCount'), 'beneficiaryCount', 0, errors, false) ?? 0;
  const lon = csvCoordinate(cell('lon'), 'lon', 180, errors);
  const lat = csvCoordinate(cell('lat'), 'lat', 90, errors);
  if ((lon === null) !== (lat === null) && !errors.some((e) => e.startsWith('lon') || e.startsWith('lat'))) {
    errors.push('lon and lat go together');
  }
  const contactName = optional('contactName', 200);
  const contactRole = optional('contactRole', 100);
  const contactPhone = optional('contactPhone', 32, PHONE);
  const dueDate = date(cell('dueDate'), errors);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    row: {
      line,
      programCode,
      packageCode,
      regionCode,
      title,
      description,
      quantity: quantity as number,
      beneficiaryCount,
      source,
      sourceRef,
      lon,
      lat,
      contactName,
      contactRole,
      contactPhone,
      dueDate,
      targetKind,
      targetRef,
    },
  };
}

function integer(v: string, name: string, min: number, errors: string[], isRequired: boolean): number | null {
  if (v === '') {
    if (isRequired) errors.push(`${name} is required`);
    return null;
  }
  const n = INTEGER.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > MAX_INT) {
    errors.push(`${name} "${clipped(v)}" must be ${min === 1 ? 'a positive' : 'a non-negative'} whole number`);
    return null;
  }
  return n;
}

/** Dates already found valid: a file tends to repeat a handful of due dates over many rows. */
const validDates = new Set<string>();

function date(v: string, errors: string[]): string | null {
  if (v === '' || validDates.has(v)) return v === '' ? null : v;
  const m = DATE.exec(v);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const parsed = new Date(Date.UTC(y, mo - 1, d));
  if (!m || parsed.getUTCFullYear() !== y || parsed.getUTCMonth() !== mo - 1 || parsed.getUTCDate() !== d) {
    errors.push(`dueDate "${clipped(v)}" must be a date like 2021-03-31`);
    return null;
  }
  if (validDates.size < 10_000) validDates.add(v);
  return v;
}

/**
 * One row in PostgreSQL's COPY text format: tab-separated, `\N` for NULL, backslash escapes. Values are plain
 * strings and numbers, so escaping backslash, tab, newline and carriage return is all it takes.
 */
export function copyTextLine(row: StagedNeedRow): string {
  return (
    `${row.line}\t${copyText(row.programCode)}\t${copyText(row.packageCode)}\t${copyText(row.regionCode)}\t` +
    `${copyText(row.title)}\t${copyText(row.description)}\t${row.quantity}\t${row.beneficiaryCount}\t` +
    `${copyText(row.source)}\t${copyText(row.sourceRef)}\t${copyText(row.lon)}\t${copyText(row.lat)}\t` +
    `${copyText(row.contactName)}\t${copyText(row.contactRole)}\t${copyText(row.contactPhone)}\t${copyText(row.dueDate)}\t` +
    `${copyText(row.targetKind)}\t${copyText(row.targetRef)}\n`
  );
}

/** Staging columns, in the order `copyTextLine` writes them. */
export const STAGING_COLUMNS =
  'line, program_code, package_code, region_code, title, description, quantity, beneficiary_count, source, source_ref, lon, lat, contact_name, contact_role, contact_phone, due_date, target_kind, target_ref';

/** The import template: the header and one example row (CRLF, as spreadsheets write it). */
export function needCsvTemplate(): string {
  const header = NEED_CSV_COLUMNS.join(',');
  const example = NEED_CSV_COLUMNS.map((c) => csvField(NEED_CSV_EXAMPLE[c], false)).join(',');
  return `${header}\r\n${example}\r\n`;
}
