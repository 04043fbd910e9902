import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse';
import { randomUUID } from 'node:crypto';
import { Readable, Transform, TransformCallback } from 'node:stream';
import type { QueryRunner } from 'typeorm';
import { pipeline } from 'node:stream/promises';
import { AuditService } from '../audit/audit.service';
import { InvalidInputError } from '../common/domain-errors';
import { Principal } from '../common/request-context';
import { OutboxService } from '../outbox/outbox.service';
import {
  checkNeedCsvRecord,
  copyTextLine,
  NEED_CSV_COLUMNS,
  needCsvLayout,
  NeedCsvLayout,
} from './need-csv';
import { ImportRejection, NeedsImportRepository } from './needs-import.repository';

export interface NeedImportResult {
  /** on a dry run: how many would be created and updated; nothing was written */
  inserted: number;
  updated: number;
  /** bad rows by their 1-based line in the file (the header is line 1), in file order */
  rejected: ImportRejection[];
  /** true when nothing was written (a preview) */
  dryRun: boolean;
}

export interface NeedImportOptions {
  /** new needs are created `open` (published) instead of `draft` */
  publish: boolean;
  /** check and count everything, then roll back: no need, audit row or event is written */
  dryRun?: boolean;
}

/**
 * Rejected rows whose values are sent back (for the "rejected rows" CSV); beyond this many only line and reasons are
 * kept, so a file of a million bad rows does not hold them all in memory.
 */
export const MAX_REJECTED_ROWS_WITH_VALUES = 5_000;

/** How much COPY text is gathered before it is handed to the database. */
const COPY_CHUNK_CHARS = 256 * 1024;

/**
 * Imports needs from CSV, upserting by (programCode, sourceRef). The file is parsed as a stream and each row's shape
 * is checked in JS; good rows go straight into a staging table by COPY, so no more than a chunk of rows is ever held
 * in memory. One statement then checks the references and upserts, inside the same transaction as the audit row:
 * either every good row lands or none does.
 */
@Injectable()
export class NeedsImportService {
  constructor(
    private readonly imports: NeedsImportRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async import(
    csv: Readable,
    options: NeedImportOptions,
    principal: Principal | null,
  ): Promise<NeedImportResult> {
    const rejected: ImportRejection[] = [];
    const { runner, client } = await this.imports.connect();
    let committedEventId: string | null = null;
    try {
      await runner.startTransaction();
      await this.imports.createStaging(runner);
      const stats = { rows: 0, header: false };
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
      const encoder = new StagingEncoder(rejected, stats);
      await pipeline(csv, parser, encoder, this.imports.copyStream(client)).catch(
        (e) => {
          const unreadable = typeof e?.code === 'string' && e.code.startsWith('CSV_');
          throw unreadable ? new InvalidInputError(`the CSV could not be read: ${(e as Error).message}`) : e;
        },
      );
      if (!stats.header)
        throw new InvalidInputError('the CSV is empty; it needs a header row and at least one row');

      const outcome = await this.imports.upsertStaged(
        runner,
        options.publish,
        principal?.kind === 'user' ? principal.id : null,
      );
      await this.attachStagedValues(runner, outcome.rejected, encoder.valuesKept);
      rejected.push(...outcome.rejected);
      rejected.sort((a, b) => a.line - b.line);
      if (options.dryRun) {
        // The upsert ran to count exactly what would change; rolling back leaves no need, fact, audit row or event.
        await runner.rollbackTransaction();
        return { inserted: outcome.inserted, updated: outcome.updated, rejected, dryRun: true };
      }
      const summary = {
        rows: stats.rows,
        inserted: outcome.inserted,
        updated: outcome.updated,
        rejected: rejected.length,
        publish: options.publish,
      };
      // The staging table lives on this connection, so the audit row and the event join its transaction here
      // rather than through UnitOfWork (which opens its own).
      await this.audit.record(runner.manager, { action: 'need.imported', entity: 'need', after: summary });
      const eventId = await this.outbox.emit(runner.manager, {
        type: 'need.imported',
        aggregateType: 'need_import',
        aggregateId: randomUUID(),
        payload: summary,
      });
      await runner.commitTransaction();
      committedEventId = eventId;
      return { inserted: outcome.inserted, updated: outcome.updated, rejected, dryRun: false };
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      // a dry run's rollback above already ended the transaction
      await runner.release();
      if (committedEventId) this.outbox.relayAfterCommit([committedEventId]);
    }
  }

  /** The values of rows rejected by the set-based checks, read back from the staging table (within the cap). */
  private async attachStagedValues(
    runner: QueryRunner,
    rejected: ImportRejection[],
    alreadyKept: number,
  ): Promise<void> {
    const room = Math.max(0, MAX_REJECTED_ROWS_WITH_VALUES - alreadyKept);
    const wanted = rejected.slice(0, room);
    if (wanted.length === 0) return;
    const values = await this.imports.stagedValues(
      runner,
      wanted.map((r) => r.line),
    );
    for (const r of wanted) {
      const row = values.get(r.line);
      if (row) r.values = row;
    }
  }
}

/** The parsed records a csv-parse stream with `info: true` emits. */
interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Turns parsed records into COPY text for the staging table: the first record is the header; rows with a bad shape
 * are set aside as rejections with their line, the rest are encoded and passed on in chunks.
 */
class StagingEncoder extends Transform {
  private layout: NeedCsvLayout | null = null;
  private pending: string[] = [];
  private pendingChars = 0;
  private overcountedLines = 0;
  /** rejected rows whose values were kept (see MAX_REJECTED_ROWS_WITH_VALUES) */
  valuesKept = 0;

  constructor(
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
        this.layout = needCsvLayout(record);
        this.stats.header = true;
        return done();
      }
      if (record.every((field) => field.trim() === '')) return done();
      this.stats.rows++;
      const checked = checkNeedCsvRecord(this.layout, record, line);
      if (!checked.ok) {
        const rejection: ImportRejection = { line, errors: checked.errors };
        if (this.valuesKept < MAX_REJECTED_ROWS_WITH_VALUES) {
          this.valuesKept++;
          const layout = this.layout;
          rejection.values = NEED_CSV_COLUMNS.map((column) => {
            const at = layout[column];
            return at === undefined ? '' : (record[at] ?? '');
          });
        }
        this.rejected.push(rejection);
        return done();
      }
      const text = copyTextLine(checked.row);
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
