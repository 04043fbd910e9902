import type { InstitutionKind, Lang, ReportDocument, TableColumn, TargetReportRow } from '@ksbb/core';

/** The by-target report's columns, in the order of the CSV and the workbook. */
export const TARGET_COLUMNS: TableColumn[] = [
  { key: 'kind', header: { id: 'Jenis sasaran', en: 'Target kind' }, kind: 'text' },
  { key: 'registered', header: { id: 'Terdaftar', en: 'On record' }, kind: 'int' },
  { key: 'targeted', header: { id: 'Disasar', en: 'Targeted' }, kind: 'int' },
  { key: 'reached', header: { id: 'Terjangkau', en: 'Reached' }, kind: 'int' },
  { key: 'needs', header: { id: 'Kebutuhan', en: 'Needs' }, kind: 'int' },
  { key: 'quantity', header: { id: 'Unit dibutuhkan', en: 'Units needed' }, kind: 'int' },
  { key: 'allocated', header: { id: 'Unit diklaim', en: 'Units claimed' }, kind: 'int' },
  { key: 'delivered', header: { id: 'Unit tersalurkan', en: 'Units delivered' }, kind: 'int' },
];

export const TARGET_KINDS: Record<InstitutionKind, Record<Lang, string>> = {
  school: { id: 'Sekolah', en: 'Schools' },
  msme: { id: 'UMKM', en: 'MSMEs' },
  vendor_site: { id: 'Lokasi binaan (Loksem)', en: 'Vendor sites (Loksem)' },
};

/** The workbook of the by-target report: one sheet of figures per kind, and the info sheet (program, time). */
export function targetReportDocument(
  rows: readonly TargetReportRow[],
  programCode: string | undefined,
  lang: Lang,
): Omit<ReportDocument, 'kind'> {
  return {
    title: { id: 'Cakupan per jenis sasaran', en: 'Coverage by target kind' },
    parameters: [
      [{ id: 'Program', en: 'Program' }, programCode ?? '(semua / all)'],
      [{ id: 'Dibuat', en: 'Generated' }, new Date().toISOString()],
    ],
    tables: [
      {
        sheet: { id: 'Sasaran', en: 'Targets' },
        columns: TARGET_COLUMNS,
        rows: rows.map((r) => ({ ...r, kind: TARGET_KINDS[r.kind][lang] })),
      },
    ],
  };
}
