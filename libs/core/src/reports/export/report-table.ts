import type { AnyReport, CollaboratorScore, CoverageRow, ReportKind, TimeseriesPoint } from '../report.types';

export type Lang = 'id' | 'en';
export type Cell = string | number | null;
export type ColumnKind = 'text' | 'int' | 'money' | 'percent';

export interface TableColumn {
  key: string;
  header: Record<Lang, string>;
  kind: ColumnKind;
}

/** One sheet of a report: readable headers, its rows, and (for tabular reports) a totals row. */
export interface ReportTable {
  sheet: Record<Lang, string>;
  columns: TableColumn[];
  rows: Record<string, Cell>[];
  totals?: Record<string, Cell>;
}

export interface ReportDocument {
  kind: ReportKind;
  title: Record<Lang, string>;
  /** the filters and the time it was generated, shown on an info sheet / the PDF header */
  parameters: [Record<Lang, string>, string][];
  tables: ReportTable[];
}

const col = (key: string, id: string, en: string, kind: ColumnKind = 'int'): TableColumn => ({
  key,
  header: { id, en },
  kind,
});

const COVERAGE_COLUMNS = [
  col('code', 'Kode wilayah', 'Region code', 'text'),
  col('name', 'Nama wilayah', 'Region name', 'text'),
  col('needs', 'Jumlah kebutuhan', 'Needs'),
  col('quantity', 'Kuantitas dibutuhkan', 'Quantity needed'),
  col('allocated', 'Kuantitas diklaim', 'Quantity claimed'),
  col('delivered', 'Kuantitas tersalurkan', 'Quantity delivered'),
  col('available', 'Kuantitas tersedia', 'Quantity available'),
  col('coveragePercent', 'Cakupan (%)', 'Coverage (%)', 'percent'),
];

const COLLABORATOR_COLUMNS = [
  col('name', 'Nama kolaborator', 'Collaborator', 'text'),
  col('type', 'Jenis', 'Type', 'text'),
  col('commitments', 'Komitmen ditandatangani', 'Commitments signed'),
  col('committed', 'Kuantitas dikomitmenkan', 'Quantity pledged'),
  col('committedValue', 'Nilai komitmen (Rp)', 'Pledged value (IDR)', 'money'),
  col('allocated', 'Kuantitas diklaim', 'Quantity claimed'),
  col('delivered', 'Kuantitas tersalurkan', 'Quantity delivered'),
  col('deliveredPercent', 'Realisasi (%)', 'Delivered (%)', 'percent'),
  col('overdueCommitments', 'Komitmen terlambat', 'Overdue commitments'),
  col('overdueQuantity', 'Kuantitas terlambat', 'Overdue quantity'),
  col('expiredClaims', 'Klaim kedaluwarsa', 'Expired claims'),
  col('expiredQuantity', 'Kuantitas klaim kedaluwarsa', 'Expired quantity'),
  col('cancelledCommitments', 'Komitmen dibatalkan', 'Cancelled commitments'),
  col('cancelledQuantity', 'Kuantitas dibatalkan', 'Cancelled quantity'),
];

const TIMESERIES_COLUMNS = [
  col('period', 'Periode', 'Period', 'text'),
  col('needsPublished', 'Kebutuhan terbit', 'Needs published'),
  col('quantity', 'Kuantitas dibutuhkan', 'Quantity needed'),
  col('allocated', 'Kuantitas diklaim', 'Quantity claimed'),
  col('delivered', 'Kuantitas tersalurkan', 'Quantity delivered'),
  col('beneficiariesReached', 'Penerima manfaat terjangkau', 'Beneficiaries reached'),
  col('handoversSubmitted', 'BAST diajukan', 'Handovers submitted'),
  col('handoversVerified', 'BAST diverifikasi', 'Handovers verified'),
  col('handoversRejected', 'BAST ditolak', 'Handovers rejected'),
  col('commitmentsSigned', 'Komitmen ditandatangani', 'Commitments signed'),
  col('commitmentsValue', 'Nilai komitmen (Rp)', 'Pledged value (IDR)', 'money'),
  col('cumulativeDelivered', 'Tersalurkan kumulatif', 'Delivered, cumulative'),
];

const TOTAL_LABEL = { id: 'Total', en: 'Total' };

const LEVEL_NAMES: Record<'city' | 'district' | 'village' | 'rw', Record<Lang, string>> = {
  city: { id: 'kota/kabupaten', en: 'city' },
  district: { id: 'kecamatan', en: 'district' },
  village: { id: 'kelurahan', en: 'village' },
  rw: { id: 'RW', en: 'RW' },
};

/** Lays a report out as sheets with human headers, in both languages. */
export function reportDocument(r: AnyReport): ReportDocument {
  const generated: [Record<Lang, string>, string] = [{ id: 'Dibuat', en: 'Generated' }, r.report.generatedAt];
  const program: [Record<Lang, string>, string] = [
    { id: 'Program', en: 'Program' },
    r.report.program ?? '(semua / all)',
  ];
  switch (r.kind) {
    case 'summary': {
      const s = r.report;
      const row = (id: string, en: string, value: number): Record<string, Cell> => ({
        label: `${id} / ${en}`,
        value,
      });
      return {
        kind: 'summary',
        title: { id: 'Ringkasan KSBB', en: 'KSBB summary' },
        parameters: [
          program,
          [{ id: 'Dari', en: 'From' }, s.from ?? '-'],
          [{ id: 'Sampai', en: 'To' }, s.to ?? '-'],
          generated,
        ],
        tables: [
          {
            sheet: { id: 'Ringkasan', en: 'Summary' },
            columns: [col('label', 'Indikator', 'Indicator', 'text'), col('value', 'Nilai', 'Value')],
            rows: [
              row('Kolaborator', 'Collaborators', s.collaborators.total),
              ...Object.entries(s.collaborators.byType).map(([t, n]) =>
                row(`Kolaborator: ${t}`, `Collaborators: ${t}`, n),
              ),
              row('Komitmen ditandatangani', 'Commitments signed', s.commitments.count),
              row('Nilai komitmen (Rp)', 'Pledged value (IDR)', s.commitments.totalValue),
              row('Kebutuhan terbit', 'Needs published', s.needs.count),
              row('Kuantitas dibutuhkan', 'Quantity needed', s.needs.quantity),
              row('Kuantitas diklaim', 'Quantity claimed', s.needs.allocated),
              row('Kuantitas tersalurkan', 'Quantity delivered', s.needs.delivered),
              row('Kuantitas tersedia', 'Quantity available', s.needs.available),
              row('BAST diajukan', 'Handovers submitted', s.handovers.submitted),
              row('BAST diverifikasi', 'Handovers verified', s.handovers.verified),
              row('BAST ditolak', 'Handovers rejected', s.handovers.rejected),
              row('Penerima manfaat direncanakan', 'Beneficiaries planned', s.beneficiaries.planned),
              row('Penerima manfaat terjangkau', 'Beneficiaries reached', s.beneficiaries.reached),
            ],
          },
        ],
      };
    }
    case 'coverage':
      return {
        kind: 'coverage',
        title: {
          id: `Cakupan per ${LEVEL_NAMES[r.report.level].id}`,
          en: `Coverage by ${LEVEL_NAMES[r.report.level].en}`,
        },
        parameters: [program, [{ id: 'Tingkat', en: 'Level' }, r.report.level], generated],
        tables: [
          {
            sheet: { id: 'Cakupan', en: 'Coverage' },
            columns: COVERAGE_COLUMNS,
            rows: r.report.rows.map((x: CoverageRow) => ({ ...x })),
            totals: { code: TOTAL_LABEL.id, name: '', ...r.report.totals },
          },
        ],
      };
    case 'collaborators':
      return {
        kind: 'collaborators',
        title: {
          id: 'Kinerja kolaborator: komitmen dan realisasi',
          en: 'Collaborators: pledged versus delivered',
        },
        parameters: [program, generated],
        tables: [
          {
            sheet: { id: 'Kolaborator', en: 'Collaborators' },
            columns: COLLABORATOR_COLUMNS,
            rows: r.report.rows.map((x: CollaboratorScore) => ({ ...x })),
            totals: { name: TOTAL_LABEL.id, type: '', ...r.report.totals },
          },
        ],
      };
    case 'timeseries':
      return {
        kind: 'timeseries',
        title: { id: 'Perkembangan per periode', en: 'Progress over time' },
        parameters: [
          program,
          [{ id: 'Interval', en: 'Interval' }, r.report.interval],
          [{ id: 'Dari', en: 'From' }, r.report.from ?? '-'],
          [{ id: 'Sampai', en: 'To' }, r.report.to ?? '-'],
          generated,
        ],
        tables: [
          {
            sheet: { id: 'Deret waktu', en: 'Time series' },
            columns: TIMESERIES_COLUMNS,
            rows: r.report.points.map((x: TimeseriesPoint) => ({ ...x })),
            totals: { period: TOTAL_LABEL.id, cumulativeDelivered: null, ...r.report.totals },
          },
        ],
      };
  }
}
