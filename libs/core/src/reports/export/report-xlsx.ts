import ExcelJS from 'exceljs';
import { ColumnKind, Lang, ReportDocument } from './report-table';

const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  int: '#,##0',
  money: '"Rp" #,##0',
  percent: '0.0',
};

/** A workbook with one sheet per report table (headers, rows, a bold totals row) and an info sheet. */
export async function reportXlsx(doc: Omit<ReportDocument, 'kind'>, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'KSBB';
  wb.created = new Date();
  for (const table of doc.tables) {
    const ws = wb.addWorksheet(table.sheet[lang], { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = table.columns.map((c) => ({
      header: c.header[lang],
      key: c.key,
      width: Math.max(12, Math.min(40, c.header[lang].length + 4)),
      style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {},
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of table.rows) ws.addRow(row);
    if (table.totals) ws.addRow(table.totals).font = { bold: true };
  }
  const info = wb.addWorksheet(lang === 'id' ? 'Info' : 'About');
  info.columns = [{ width: 24 }, { width: 48 }];
  info.addRow([doc.title[lang]]).font = { bold: true, size: 14 };
  for (const [label, value] of doc.parameters) info.addRow([label[lang], value]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
