import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AuditService } from '../audit/audit.service';
import { CsvStagingEncoder, CsvStagingFormat, ImportRejection, importCsvParser } from '../common/csv-staging';
import { assertVersion, ConflictError, FieldError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import { Page, PageRequest, resolveSort } from '../common/pagination';
import { Principal } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { OutboxService } from '../outbox/outbox.service';
import type { InstitutionKind, SchoolLevel } from './institution.entity';
import {
  checkInstitutionCsvRecord,
  institutionCopyLine,
  institutionCsvLayout,
  InstitutionCsvLayout,
  institutionRef,
  StagedInstitutionRow,
} from './institution-csv';
import type { InstitutionView } from './institution.view';
import {
  INSTITUTION_SORT_COLUMNS,
  InstitutionFields,
  InstitutionFilter,
  InstitutionsReached,
  InstitutionsRepository,
  TargetReportRow,
} from './institutions.repository';

export interface InstitutionInput {
  kind: InstitutionKind;
  name: string;
  npsn?: string | null;
  nib?: string | null;
  siteCode?: string | null;
  schoolLevel?: SchoolLevel | null;
  jakpreneurMember?: boolean;
  address?: string;
  regionCode: string;
  location?: { lon: number; lat: number } | null;
}

export interface InstitutionImportResult {
  inserted: number;
  updated: number;
  rejected: ImportRejection[];
}

const FORMAT: CsvStagingFormat<InstitutionCsvLayout, StagedInstitutionRow> = {
  layout: institutionCsvLayout,
  check: checkInstitutionCsvRecord,
  copyLine: institutionCopyLine,
};

/** Schools, MSMEs and vendor sites: reference data that staff keep and needs target. */
@Injectable()
export class InstitutionsService {
  constructor(
    private readonly institutions: InstitutionsRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  list(filter: InstitutionFilter, page: PageRequest): Promise<Page<InstitutionView>> {
    const sort = resolveSort(page.sort, INSTITUTION_SORT_COLUMNS, { column: INSTITUTION_SORT_COLUMNS.name, direction: 'ASC' });
    return this.institutions.list(filter, page, sort);
  }

  async get(id: string): Promise<InstitutionView> {
    const found = await this.institutions.find(id);
    if (!found) throw new NotFoundError('institution', id);
    return found;
  }

  reached(): Promise<InstitutionsReached[]> {
    return this.institutions.reached();
  }

  /** Coverage and delivery by institution kind (see InstitutionsRepository.byTarget). */
  byTarget(programCode?: string): Promise<TargetReportRow[]> {
    return this.institutions.byTarget(programCode ?? null);
  }

  async create(input: InstitutionInput, principal: Principal | null): Promise<InstitutionView> {
    const fields = await this.checked(input);
    return this.uow.run(async (tx) => {
      const id = await this.institutions.insert(tx.manager, fields, principal?.kind === 'user' ? principal.id : null);
      if (!id) throw refTaken(fields);
      const created = await this.institutions.find(id, tx.manager);
      await tx.audit({ action: 'institution.created', entity: 'institution', entityId: id, after: created });
      return created as InstitutionView;
    });
  }

  async update(id: string, input: InstitutionInput, expectedVersion?: number): Promise<InstitutionView> {
    const fields = await this.checked(input);
    return this.uow.run(async (tx) => {
      const before = await this.institutions.find(id, tx.manager);
      if (!before) throw new NotFoundError('institution', id);
      if (before.kind !== fields.kind)
        throw new InvalidInputError('the kind of an institution cannot change', [
          { field: 'kind', message: `is ${before.kind}; the kind cannot change`, code: 'institution_kind_fixed' },
        ]);
      if (await this.institutions.refTaken(tx.manager, fields.kind, fields.ref, id)) throw refTaken(fields);
      if (!(await this.institutions.update(tx.manager, id, fields, expectedVersion))) {
        assertVersion(expectedVersion, before.version);
        throw new ConflictError('the institution changed meanwhile; read it again and retry', { code: 'changed_meanwhile' });
      }
      const after = await this.institutions.find(id, tx.manager);
      await tx.audit({ action: 'institution.updated', entity: 'institution', entityId: id, before, after });
      return after as InstitutionView;
    });
  }

  /** Imports institutions from CSV, upserting by (kind, NPSN/NIB/site code); bad rows are reported by line. */
  async import(csv: Readable, principal: Principal | null): Promise<InstitutionImportResult> {
    const rejected: ImportRejection[] = [];
    const { runner, client } = await this.institutions.connect();
    let committedEventId: string | null = null;
    try {
      await runner.startTransaction();
      await this.institutions.createStaging(runner);
      const stats = { rows: 0, header: false };
      await pipeline(csv, importCsvParser(rejected), new CsvStagingEncoder(FORMAT, rejected, stats), this.institutions.copyStream(client)).catch(
        (e) => {
          const unreadable = typeof e?.code === 'string' && e.code.startsWith('CSV_');
          throw unreadable ? new InvalidInputError(`the CSV could not be read: ${(e as Error).message}`) : e;
        },
      );
      if (!stats.header) throw new InvalidInputError('the CSV is empty; it needs a header row and at least one row');
      const outcome = await this.institutions.upsertStaged(runner, principal?.kind === 'user' ? principal.id : null);
      rejected.push(...outcome.rejected);
      rejected.sort((a, b) => a.line - b.line);
      const summary = { rows: stats.rows, inserted: outcome.inserted, updated: outcome.updated, rejected: rejected.length };
      await this.audit.record(runner.manager, { action: 'institution.imported', entity: 'institution', after: summary });
      committedEventId = null;
      const eventId = await this.outbox.emit(runner.manager, {
        type: 'institution.imported',
        aggregateType: 'institution_import',
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

  private async checked(input: InstitutionInput): Promise<InstitutionFields> {
    const errors: FieldError[] = [];
    const ref = institutionRef(input.kind, input);
    if (!('ref' in ref)) errors.push({ field: ref.field, message: ref.message, code: 'institution_ref_invalid' });
    if (input.kind === 'school' && !input.schoolLevel)
      errors.push({ field: 'schoolLevel', message: 'is required for a school', code: 'institution_level_required' });
    if (input.kind !== 'school' && input.schoolLevel)
      errors.push({ field: 'schoolLevel', message: 'is only for schools', code: 'institution_level_required' });
    if (input.kind !== 'msme' && input.jakpreneurMember)
      errors.push({ field: 'jakpreneurMember', message: 'is only for MSMEs', code: 'institution_not_msme' });
    if (!(await this.institutions.regionLevel(input.regionCode)))
      errors.push({ field: 'regionCode', message: `region ${input.regionCode} is not a kelurahan or RW of Jakarta`, code: 'institution_region_invalid' });
    if (errors.length || !('ref' in ref))
      throw new InvalidInputError(errors.length === 1 ? `${errors[0].field}: ${errors[0].message}` : `${errors.length} fields are invalid`, errors);
    return {
      kind: input.kind,
      ref: ref.ref,
      name: input.name,
      schoolLevel: input.kind === 'school' ? (input.schoolLevel ?? null) : null,
      jakpreneurMember: input.kind === 'msme' && !!input.jakpreneurMember,
      address: input.address ?? '',
      regionCode: input.regionCode,
      location: input.location ?? null,
    };
  }
}

function refTaken(f: InstitutionFields): ConflictError {
  return new ConflictError(`a ${f.kind} with id ${f.ref} exists already`, { code: 'institution_ref_taken' });
}
