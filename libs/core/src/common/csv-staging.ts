import { parse, Parser } from 'csv-parse';
import { Transform, TransformCallback } from 'node:stream';
import { InvalidInputError } from './domain-errors';

/** A bad row of an import, by its 1-based line in the file (the header is line 1). */
export interface ImportRejection {
  line: number;
  errors: string[];
  /** the row's values in the format's column order, as read (absent for unreadable lines and beyond the cap) */
  values?: string[];
}

/** How one kind of CSV import reads its file: the header's layout, each record's shape check and COPY encoding. */
export interface CsvStagingFormat<Layout, Row> {
  layout(header: string[]): Layout;
  check(layout: Layout, record: string[], line: number): { ok: true; row: Row } | { ok: false; errors: string[] };
  copyLine(row: Row): string;
  /** a rejected record's values in the import's column order, for a rejected-rows file (optional) */
  valuesOf?(layout: Layout, record: string[]): string[];
}

/**
 * Rejected rows whose values are kept (for a "rejected rows" file); beyond this many only line and reasons are, so a
 * file of a million bad rows does not hold them all in memory.
 */
export const MAX_REJECTED_ROWS_WITH_VALUES = 5_000;

/** How much COPY text is gathered before it is handed to the database. */
const COPY_CHUNK_CHARS = 256 * 1024;

/** The csv-parse stream every import reads with: records with their line info, bad records reported, not thrown. */
export function importCsvParser(rejected: ImportRejection[]): Parser {
  const parser = parse({
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
  });
  parser.on('skip', (e: { lines?: number; message: string }) =>
    rejected.push({ line: e.lines ?? 0, errors: [e.message] }),
  );
  return parser;
}

/** The parsed records a csv-parse stream with `info: true` emits. */
interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Turns parsed records into COPY text for a staging table: the first record is the header; rows with a bad shape
 * are set aside as rejections with their line, the rest are encoded and passed on in chunks.
 */
export class CsvStagingEncoder<Layout, Row> extends Transform {
  private layout: Layout | null = null;
  private pending: string[] = [];
  private pendingChars = 0;
  private overcountedLines = 0;
  /** rejected rows whose values were kept (see MAX_REJECTED_ROWS_WITH_VALUES) */
  valuesKept = 0;

  constructor(
    private readonly format: CsvStagingFormat<Layout, Row>,
    private readonly rejected: ImportRejection[],
    private readonly stats: { rows: number; header: boolean },
  ) {
    super({ writableObjectMode: true, readableObjectMode: false });
  }

  override _transform(parsed: ParsedRecord, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      const { record } = parsed;
      const line = this.firstLineOf(parsed);
      if (!this.layout) {
        this.layout = this.format.layout(record);
        this.stats.header = true;
        return done();
      }
      if (record.every((field) => field.trim() === '')) return done();
      this.stats.rows++;
      const checked = this.format.check(this.layout, record, line);
      if (!checked.ok) {
        const rejection: ImportRejection = { line, errors: checked.errors };
        if (this.format.valuesOf && this.valuesKept < MAX_REJECTED_ROWS_WITH_VALUES) {
          this.valuesKept++;
          rejection.values = this.format.valuesOf(this.layout, record);
        }
        this.rejected.push(rejection);
        return done();
      }
      const text = this.format.copyLine(checked.row);
      this.pending.push(text);
      this.pendingChars += text.length;
      if (this.pendingChars >= COPY_CHUNK_CHARS) this.push(this.drainPending());
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.pendingChars > 0) this.push(this.drainPending());
    done();
  }

  /** The line a record starts on: csv-parse reports the line it ends on, miscounting CRLFs inside quotes. */
  private firstLineOf({ record, info }: ParsedRecord): number {
    const { breaks, overcounted } = lineBreaksIn(record);
    this.overcountedLines += overcounted;
    return info.lines - this.overcountedLines - breaks;
  }

  private drainPending(): string {
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    return chunk;
  }
}

/**
 * Physical lines (CRLF, LF or CR) a record's quoted fields break over, and how many more csv-parse counted for them:
 * inside quotes it counts CR and LF of a CRLF as two lines.
 */
function lineBreaksIn(record: string[]): { breaks: number; overcounted: number } {
  let breaks = 0;
  let overcounted = 0;
  for (const field of record) {
    if (!field.includes('\n') && !field.includes('\r')) continue;
    const crlf = field.split('\r\n').length - 1;
    breaks += field.split('\n').length - 1 + field.split('\r').length - 1 - crlf;
    overcounted += crlf;
  }
  return { breaks, overcounted };
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** A value in PostgreSQL's COPY text format: `\N` for NULL, backslash escapes. */
export function copyText(v: string | number | boolean | null): string {
  if (v === null) return '\\N';
  const text = String(v);
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : text;
}

/** Where each column of an import sits in a record (undefined: left out of the header); `width`: the header's. */
export type CsvLayout<Column extends string> = Record<Column, number | undefined> & { width: number };

/**
 * An import's header row read into its layout. A missing required column, an unknown one (other than `ignored`,
 * which the import skips) or a repeated one is a 400 on the field `file` naming them all and the known columns.
 */
export function csvHeaderLayout<Column extends string>(
  header: string[],
  columns: readonly Column[],
  required: readonly Column[],
  ignored: readonly string[] = [],
): CsvLayout<Column> {
  const names = header.map((h) => h.trim());
  const unknown = names.filter((n) => !(columns as readonly string[]).includes(n) && !ignored.includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  const missing = required.filter((c) => !names.includes(c));
  const problems = [
    ...(missing.length ? [`missing column(s) ${missing.join(', ')}`] : []),
    ...(unknown.length ? [`unknown column(s) ${unknown.join(', ')}`] : []),
    ...(repeated.length ? [`repeated column(s) ${[...new Set(repeated)].join(', ')}`] : []),
  ];
  if (problems.length) {
    throw new InvalidInputError(
      `the CSV header is not usable: ${problems.join('; ')} (columns: ${columns.join(',')})`,
      [{ field: 'file', message: problems.join('; ') }],
    );
  }
  const positions = {} as Record<Column, number | undefined>;
  for (const column of columns) {
    const at = names.indexOf(column);
    positions[column] = at < 0 ? undefined : at;
  }
  return { ...positions, width: names.length };
}

/** A bad value as a rejection echoes it: short (never a whole cell of free text). */
export function clipped(v: string): string {
  return v.length > 40 ? `${v.slice(0, 37)}...` : v;
}

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)$/;

/** A `lon` or `lat` cell: null when empty; a rejection reason in `errors` when not a number within ±`bound`. */
export function csvCoordinate(v: string, name: 'lon' | 'lat', bound: number, errors: string[]): number | null {
  if (v === '') return null;
  const n = DECIMAL.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n) || n < -bound || n > bound) {
    errors.push(`${name} "${clipped(v)}" must be a number within -${bound}..${bound}`);
    return null;
  }
  return n;
}
