import PDFDocument from 'pdfkit';
import { Cell, Lang, ReportDocument, ReportTable } from './report-table';

interface Bar {
  label: string;
  value: number;
}

const MAX_BARS = 15;
const MAX_TABLE_ROWS = 40;

/** The bars worth drawing for each kind of report. */
function barsOf(doc: ReportDocument, lang: Lang): { title: string; bars: Bar[] } {
  const table = doc.tables[0];
  const num = (v: Cell): number => (typeof v === 'number' ? v : 0);
  const top = (key: string, label: string): Bar[] =>
    [...table.rows]
      .sort((a, b) => num(b[key]) - num(a[key]))
      .slice(0, MAX_BARS)
      .map((r) => ({ label: String(r[label] ?? ''), value: num(r[key]) }));
  switch (doc.kind) {
    case 'summary':
      return {
        title: lang === 'id' ? 'Kuantitas' : 'Quantities',
        bars: table.rows
          .filter((r) => /^Kuantitas/.test(String(r.label)))
          .map((r) => ({
            label: String(r.label).split(' / ')[lang === 'id' ? 0 : 1],
            value: num(r.value),
          })),
      };
    case 'coverage':
      return {
        title: lang === 'id' ? 'Tersalurkan per wilayah (teratas)' : 'Delivered by region (top)',
        bars: top('delivered', 'name'),
      };
    case 'collaborators':
      return {
        title: lang === 'id' ? 'Tersalurkan per kolaborator (teratas)' : 'Delivered by collaborator (top)',
        bars: top('delivered', 'name'),
      };
    case 'timeseries':
      return {
        title: lang === 'id' ? 'Tersalurkan per periode' : 'Delivered per period',
        bars: table.rows.slice(-MAX_BARS).map((r) => ({ label: String(r.period), value: num(r.delivered) })),
      };
  }
}

function drawBars(pdf: PDFKit.PDFDocument, title: string, bars: Bar[]): void {
  pdf.moveDown().font('Helvetica-Bold').fontSize(12).text(title);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const left = pdf.page.margins.left;
  const labelWidth = 150;
  const chartWidth = pdf.page.width - left - pdf.page.margins.right - labelWidth - 60;
  let y = pdf.y + 6;
  pdf.font('Helvetica').fontSize(8);
  for (const bar of bars) {
    pdf
      .fillColor('#333333')
      .text(bar.label.slice(0, 32), left, y + 1, { width: labelWidth, lineBreak: false });
    const w = Math.max(1, (bar.value / max) * chartWidth);
    pdf.rect(left + labelWidth, y, w, 10).fill('#2e7d32');
    pdf
      .fillColor('#333333')
      .text(bar.value.toLocaleString('id-ID'), left + labelWidth + w + 4, y + 1, { lineBreak: false });
    y += 14;
  }
  pdf.fillColor('black');
  pdf.x = left;
  pdf.y = y + 6;
}

function drawTable(pdf: PDFKit.PDFDocument, table: ReportTable, lang: Lang): void {
  const columns = table.columns.slice(0, 6);
  const left = pdf.page.margins.left;
  const width = (pdf.page.width - left - pdf.page.margins.right) / columns.length;
  const row = (cells: string[], bold = false): void => {
    if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 20) pdf.addPage();
    const y = pdf.y;
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    cells.forEach((c, i) =>
      pdf.text(c, left + i * width, y, { width: width - 4, lineBreak: false, ellipsis: true }),
    );
    pdf.x = left;
    pdf.y = y + 12;
  };
  const fmt = (v: Cell): string => (typeof v === 'number' ? v.toLocaleString('id-ID') : (v ?? ''));
  row(
    columns.map((c) => c.header[lang]),
    true,
  );
  for (const r of table.rows.slice(0, MAX_TABLE_ROWS)) row(columns.map((c) => fmt(r[c.key])));
  if (table.totals)
    row(
      columns.map((c) => fmt(table.totals?.[c.key] ?? null)),
      true,
    );
}

/** A one-document summary: title, parameters, a bar chart and the first rows of the table. */
export function reportPdf(doc: ReportDocument, lang: Lang): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: 40, info: { Title: doc.title[lang], Author: 'KSBB' } });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.font('Helvetica-Bold').fontSize(16).text(doc.title[lang]);
    pdf.font('Helvetica').fontSize(9);
    for (const [label, value] of doc.parameters) pdf.text(`${label[lang]}: ${value}`);
    const { title, bars } = barsOf(doc, lang);
    drawBars(pdf, title, bars);
    drawTable(pdf, doc.tables[0], lang);
    pdf.end();
  });
}
