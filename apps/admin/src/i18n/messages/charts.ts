import type { Translation } from './types';

/** Charts, date ranges, the RW level and the import helpers (template, dry run, rejected rows). */
export const chartsId = {
  'range.label': 'Periode (WIB)',
  'range.from': 'Dari tanggal',
  'range.to': 'Sampai tanggal',
  'range.last30': '30 hari',
  'range.last90': '90 hari',
  'range.last365': '12 bulan',
  'range.invalid': 'Tanggal awal harus sebelum atau sama dengan tanggal akhir.',
  'range.tooLong': 'Periode paling panjang 10 tahun.',
  'range.describe': '{from} – {to}',
  'chart.period': 'Periode mulai',
  'chart.perDay': 'per hari',
  'chart.perWeek': 'per minggu',
  'chart.perMonth': 'per bulan',
  'chart.flowTitle': 'Paket diklaim dan tersalurkan',
  'chart.flowSummary':
    '{claimed} paket diklaim dan {delivered} tersalurkan dari {from} sampai {to}, {interval}. Rinciannya ada di tabel.',
  'chart.coverageTitle': 'Cakupan per wilayah',
  'chart.coverageSummary':
    'Persentase paket tersalurkan dari yang dibutuhkan di {count} wilayah teratas menurut kebutuhan. Rinciannya ada di tabel.',
  'chart.showTable': 'Tampilkan sebagai tabel',
  'chart.coverageByDistrict': 'Cakupan per kecamatan',
  'chart.topRegions': '{count} wilayah dengan kebutuhan terbanyak',
  'reports.withinDistrict': 'Di kecamatan',
  'reports.withinAll': 'Semua kecamatan',
  'public.levelRw': 'RW',
  'needImport.template': 'Unduh templat CSV',
  'needImport.templateHint':
    'Templat berisi baris judul dan satu baris contoh. Kolom wajib: programCode, packageCode, regionCode, title, quantity, sourceRef.',
  'needImport.columnsTitle': 'Kolom berkas',
  'needImport.dryRun': 'Periksa dulu (tanpa menyimpan)',
  'needImport.previewTitle': 'Pratinjau: belum ada yang disimpan',
  'needImport.previewSummary':
    '{inserted} kebutuhan akan dibuat, {updated} diperbarui, {rejected} baris ditolak.',
  'needImport.confirmImport': 'Impor sekarang',
  'needImport.downloadRejected': 'Unduh baris yang ditolak (CSV)',
} as const;

export const chartsEn: Translation<typeof chartsId> = {
  'range.label': 'Period (WIB)',
  'range.from': 'From',
  'range.to': 'To',
  'range.last30': '30 days',
  'range.last90': '90 days',
  'range.last365': '12 months',
  'range.invalid': 'The start date must be on or before the end date.',
  'range.tooLong': 'The period can be at most 10 years.',
  'range.describe': '{from} – {to}',
  'chart.period': 'Period starting',
  'chart.perDay': 'per day',
  'chart.perWeek': 'per week',
  'chart.perMonth': 'per month',
  'chart.flowTitle': 'Packages claimed and delivered',
  'chart.flowSummary':
    '{claimed} packages claimed and {delivered} delivered from {from} to {to}, {interval}. The table has the detail.',
  'chart.coverageTitle': 'Coverage by region',
  'chart.coverageSummary':
    'Share of the packages needed that were delivered, in the {count} regions that need the most. The table has the detail.',
  'chart.showTable': 'Show as a table',
  'chart.coverageByDistrict': 'Coverage by district',
  'chart.topRegions': 'The {count} regions that need the most',
  'reports.withinDistrict': 'In district',
  'reports.withinAll': 'All districts',
  'public.levelRw': 'RW',
  'needImport.template': 'Download the CSV template',
  'needImport.templateHint':
    'The template has the header and one example row. Required columns: programCode, packageCode, regionCode, title, quantity, sourceRef.',
  'needImport.columnsTitle': 'File columns',
  'needImport.dryRun': 'Check first (saves nothing)',
  'needImport.previewTitle': 'Preview: nothing has been saved yet',
  'needImport.previewSummary':
    '{inserted} needs would be created, {updated} updated, {rejected} rows rejected.',
  'needImport.confirmImport': 'Import now',
  'needImport.downloadRejected': 'Download the rejected rows (CSV)',
} as const;
