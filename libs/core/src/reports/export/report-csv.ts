import { Readable } from 'node:stream';
import { csvField } from '../../common/csv';
import { Cell, Lang, ReportDocument, TableColumn } from './report-table';

/** A cell as CSV: quoted when needed; text that a spreadsheet would run as a formula is defused. */
export function csvCell(value: Cell, column?: TableColumn): string {
  return csvField(value, column?.kind === 'text');
}

/**
 * The report's main table as CSV, generated line by line: a UTF-8 byte-order mark (so spreadsheets read the
 * accents right), the header row, the rows, and the totals row.
 */
export function reportCsv(doc: ReportDocument, lang: Lang): Readable {
  const table = doc.tables[0];
  const line = (cells: string[]): string => `${cells.join(',')}\r\n`;
  function* lines(): Generator<string> {
    yield `\uFEFF${line(table.columns.map((c) => csvCell(c.header[lang])))}`;
    for (const row of table.rows) yield line(table.columns.map((c) => csvCell(row[c.key], c)));
    if (table.totals) yield line(table.columns.map((c) => csvCell(table.totals?.[c.key] ?? null, c)));
  }
  return Readable.from(lines(), { objectMode: false });
}
