import PDFDocument from 'pdfkit';
import type { LeadershipBrief, LeadershipPage } from '../report.types';
import type { Lang } from './report-table';

const GREEN = '#2e7d32';
const GREY = '#616e7c';
const MAX_REGIONS = 10;

const L = {
  title: { id: 'Ringkasan KSBB untuk pimpinan', en: 'KSBB summary for leadership' },
  generated: { id: 'Dibuat', en: 'Generated' },
  period: { id: 'Periode', en: 'Period' },
  flow: { id: 'Dijanjikan, diklaim, tersalurkan', en: 'Pledged, claimed, delivered' },
  needed: { id: 'Kuantitas dibutuhkan', en: 'Quantity needed' },
  pledged: { id: 'Dijanjikan kolaborator', en: 'Pledged by collaborators' },
  claimed: { id: 'Kuantitas diklaim', en: 'Quantity claimed' },
  delivered: { id: 'Kuantitas tersalurkan', en: 'Quantity delivered' },
  value: { id: 'Nilai komitmen (Rp)', en: 'Pledged value (IDR)' },
  reached: { id: 'Penerima manfaat terjangkau', en: 'Beneficiaries reached' },
  top: { id: 'Kolaborator teratas', en: 'Top collaborators' },
  coverage: { id: 'Cakupan', en: 'Coverage' },
  region: { id: 'Wilayah', en: 'Region' },
  name: { id: 'Nama', en: 'Name' },
  percent: { id: '% tersalurkan', en: '% delivered' },
  none: { id: 'Belum ada data.', en: 'No data yet.' },
  empty: { id: 'Belum ada program yang terbit.', en: 'No program has been published yet.' },
} satisfies Record<string, Record<Lang, string>>;

const num = (n: number): string => n.toLocaleString('id-ID');

function table(pdf: PDFKit.PDFDocument, headers: string[], rows: string[][], widths: number[]): void {
  const left = pdf.page.margins.left;
  const line = (cells: string[], bold: boolean): void => {
    const y = pdf.y;
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    let x = left;
    cells.forEach((c, i) => {
      pdf.text(c, x, y, {
        width: widths[i] - 4,
        lineBreak: false,
        ellipsis: true,
        align: i === 0 ? 'left' : 'right',
      });
      x += widths[i];
    });
    pdf.x = left;
    pdf.y = y + 13;
  };
  line(headers, true);
  for (const r of rows) line(r, false);
}

function page(pdf: PDFKit.PDFDocument, p: LeadershipPage, lang: Lang, generatedAt: string): void {
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  const s = p.summary;
  pdf.fillColor('black').font('Helvetica-Bold').fontSize(16).text(L.title[lang]);
  pdf.font('Helvetica-Bold').fontSize(13).fillColor('#0b5394').text(`${p.program.name} (${p.program.code})`);
  pdf.fillColor(GREY).font('Helvetica').fontSize(8.5);
  pdf.text(`${L.generated[lang]}: ${generatedAt.slice(0, 16).replace('T', ' ')} UTC`);
  if (s.from || s.to) pdf.text(`${L.period[lang]}: ${s.from ?? '-'} – ${s.to ?? '-'}`);
  pdf.fillColor('black');

  // The flow from need to delivery, as bars against what is needed.
  pdf.moveDown().font('Helvetica-Bold').fontSize(11).text(L.flow[lang]);
  const bars: [string, number][] = [
    [L.needed[lang], s.needs.quantity],
    [L.pledged[lang], p.pledged],
    [L.claimed[lang], s.needs.allocated],
    [L.delivered[lang], s.needs.delivered],
  ];
  const max = Math.max(1, ...bars.map(([, v]) => v));
  const labelWidth = 150;
  const chart = width - labelWidth - 70;
  let y = pdf.y + 6;
  pdf.font('Helvetica').fontSize(8.5);
  for (const [label, value] of bars) {
    pdf.fillColor('#333333').text(label, left, y + 1, { width: labelWidth, lineBreak: false });
    const w = Math.max(1, (value / max) * chart);
    pdf.rect(left + labelWidth, y, w, 11).fill(GREEN);
    pdf.fillColor('#333333').text(num(value), left + labelWidth + w + 4, y + 1, { lineBreak: false });
    y += 16;
  }
  pdf.fillColor('black');
  pdf.x = left;
  pdf.y = y + 2;
  pdf.font('Helvetica').fontSize(8.5);
  pdf.text(
    `${L.value[lang]}: ${num(s.commitments.totalValue)}   ·   ${L.reached[lang]}: ${num(s.beneficiaries.reached)}`,
  );

  pdf.moveDown().font('Helvetica-Bold').fontSize(11).text(L.top[lang]);
  pdf.moveDown(0.3);
  if (p.topCollaborators.length === 0) pdf.font('Helvetica').fontSize(8.5).text(L.none[lang]);
  else
    table(
      pdf,
      [L.name[lang], L.pledged[lang], L.delivered[lang], L.percent[lang]],
      p.topCollaborators.map((c) => [c.name, num(c.committed), num(c.delivered), `${c.deliveredPercent}%`]),
      [width * 0.46, width * 0.18, width * 0.18, width * 0.18],
    );

  const cov = p.coverage;
  pdf
    .moveDown()
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(`${L.coverage[lang]}: ${cov.totals.coveragePercent}%`);
  pdf.moveDown(0.3);
  const regions = [...cov.rows].sort((a, b) => b.quantity - a.quantity).slice(0, MAX_REGIONS);
  if (regions.length === 0) pdf.font('Helvetica').fontSize(8.5).text(L.none[lang]);
  else
    table(
      pdf,
      [L.region[lang], L.needed[lang], L.delivered[lang], L.percent[lang]],
      regions.map((r) => [r.name, num(r.quantity), num(r.delivered), `${r.coveragePercent}%`]),
      [width * 0.46, width * 0.18, width * 0.18, width * 0.18],
    );
}

/** The leadership brief as a PDF: one A4 page per program (a page saying so when there is none). */
export function leadershipPdf(brief: LeadershipBrief, lang: Lang = 'id'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margin: 40,
      autoFirstPage: false,
      info: { Title: L.title[lang], Author: 'KSBB' },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    if (brief.pages.length === 0) {
      pdf.addPage();
      pdf.font('Helvetica-Bold').fontSize(16).text(L.title[lang]);
      pdf.font('Helvetica').fontSize(10).text(L.empty[lang]);
    }
    for (const p of brief.pages) {
      pdf.addPage();
      page(pdf, p, lang, brief.generatedAt);
    }
    pdf.end();
  });
}

/** e.g. `ksbb-pimpinan-all-2026-12-03.pdf` */
export const leadershipFileName = (program: string | undefined, generatedAt: string): string =>
  `ksbb-pimpinan-${(program ?? 'all').replace(/[^A-Za-z0-9._-]/g, '_')}-${generatedAt.slice(0, 10)}.pdf`;
