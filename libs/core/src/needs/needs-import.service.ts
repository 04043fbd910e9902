import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AuditService } from '../audit/audit.service';
import { InvalidInputError } from '../common/domain-errors';
import { Principal } from '../common/request-context';
import { OutboxService } from '../outbox/outbox.service';
import { CsvStagingEncoder, CsvStagingFormat, importCsvParser } from '../common/csv-staging';
import { checkNeedCsvRecord, copyTextLine, needCsvLayout, NeedCsvLayout, StagedNeedRow } from './need-csv';
import { ImportRejection, NeedsImportRepository } from './needs-import.repository';

export interface NeedImportResult {
  inserted: number;
  updated: number;
  /** bad rows by their 1-based line in the file (the header is line 1), in file order */
  rejected: ImportRejection[];
}

export interface NeedImportOptions {
  /** new needs are created `open` (published) instead of `draft` */
  publish: boolean;
}

const NEED_CSV_FORMAT: CsvStagingFormat<NeedCsvLayout, StagedNeedRow> = {
  layout: needCsvLayout,
  check: checkNeedCsvRecord,
  copyLine: copyTextLine,
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
      const parser = importCsvParser(rejected);
      await pipeline(csv, parser, new CsvStagingEncoder(NEED_CSV_FORMAT, rejected, stats), this.imports.copyStream(client)).catch(
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
      rejected.push(...outcome.rejected);
      rejected.sort((a, b) => a.line - b.line);
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
      return { inserted: outcome.inserted, updated: outcome.updated, rejected };
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      await runner.release();
      if (committedEventId) this.outbox.relayAfterCommit([committedEventId]);
    }
  }
}
