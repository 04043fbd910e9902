import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { QueryRunner } from 'typeorm';
import { pipeline } from 'node:stream/promises';
import { AuditService } from '../audit/audit.service';
import { InvalidInputError } from '../common/domain-errors';
import { Principal } from '../common/request-context';
import { OutboxService } from '../outbox/outbox.service';
import { CsvStagingEncoder, CsvStagingFormat, MAX_REJECTED_ROWS_WITH_VALUES } from '../common/csv-staging';
import { fastImportCsvReader } from '../common/csv-fast-reader';
import {
  checkNeedCsvRecord,
  copyTextLine,
  NEED_CSV_COLUMNS,
  needCsvLayout,
  NeedCsvLayout,
  StagedNeedRow,
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

const NEED_CSV_FORMAT: CsvStagingFormat<NeedCsvLayout, StagedNeedRow> = {
  layout: needCsvLayout,
  check: checkNeedCsvRecord,
  copyLine: copyTextLine,
  valuesOf: (layout, record) =>
    NEED_CSV_COLUMNS.map((column) => {
      const at = layout[column];
      return at === undefined ? '' : (record[at] ?? '');
    }),
};

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
      // csv-parse's records and line numbers, read by a plain-grammar reader that hands anything else to csv-parse
      const parser = fastImportCsvReader(rejected);
      const encoder = new CsvStagingEncoder(NEED_CSV_FORMAT, rejected, stats);
      await pipeline(csv, parser, encoder, this.imports.copyStream(client)).catch((e) => {
        const unreadable = typeof e?.code === 'string' && e.code.startsWith('CSV_');
        throw unreadable ? new InvalidInputError(`the CSV could not be read: ${(e as Error).message}`) : e;
      });
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
