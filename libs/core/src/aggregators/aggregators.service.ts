import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  assertVersion,
  ConflictError,
  FieldError,
  InvalidInputError,
  NotFoundError,
} from '../common/domain-errors';
import { Page, PageRequest, resolveSort } from '../common/pagination';
import { UnitOfWork } from '../database/unit-of-work';
import { Aggregator, AggregatorStatus } from './aggregator.entity';
import { AggregatorFilter, AggregatorsRepository } from './aggregators.repository';

export interface AggregatorInput {
  name: string;
  programCodes: string[];
  regionCodes?: string[];
  email?: string | null;
  phone?: string | null;
  status?: AggregatorStatus;
}

export type AggregatorUpdateInput = Partial<AggregatorInput>;

const SORTABLE = { name: 'name', status: 'status', createdAt: 'createdAt' };

/** Official distribution partners: public organisations every caller may read, only Pokja may change. */
@Injectable()
export class AggregatorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly aggregators: AggregatorsRepository,
  ) {}

  list(filter: AggregatorFilter, page: PageRequest): Promise<Page<Aggregator>> {
    return this.aggregators.list(
      filter,
      page,
      resolveSort(page.sort, SORTABLE, { column: 'name', direction: 'ASC' }),
    );
  }

  async get(id: string): Promise<Aggregator> {
    const aggregator = await this.aggregators.findById(id);
    if (!aggregator) throw new NotFoundError('aggregator', id);
    return aggregator;
  }

  async create(input: AggregatorInput): Promise<Aggregator> {
    return this.uow.run(async (tx) => {
      const programCodes = unique(input.programCodes);
      const regionCodes = unique(input.regionCodes ?? []);
      await this.assertReferencesExist(tx.manager, programCodes, regionCodes);
      if (await this.aggregators.nameTaken(tx.manager, input.name)) {
        throw new ConflictError(`an aggregator named "${input.name}" already exists`);
      }
      const aggregator = await this.aggregators.insert(tx.manager, {
        name: input.name,
        programCodes,
        regionCodes,
        email: input.email ?? null,
        phone: input.phone ?? null,
        status: input.status ?? 'active',
      });
      await tx.audit({
        action: 'aggregator.created',
        entity: 'aggregator',
        entityId: aggregator.id,
        after: aggregator,
      });
      return aggregator;
    });
  }

  async update(id: string, input: AggregatorUpdateInput, expectedVersion?: number): Promise<Aggregator> {
    return this.uow.run(async (tx) => {
      const aggregator = await this.aggregators.lockById(tx.manager, id);
      if (!aggregator) throw new NotFoundError('aggregator', id);
      assertVersion(expectedVersion, aggregator.version);
      const programCodes = input.programCodes && unique(input.programCodes);
      const regionCodes = input.regionCodes && unique(input.regionCodes);
      await this.assertReferencesExist(tx.manager, programCodes ?? [], regionCodes ?? []);
      if (input.name !== undefined && (await this.aggregators.nameTaken(tx.manager, input.name, id))) {
        throw new ConflictError(`an aggregator named "${input.name}" already exists`);
      }
      const before = { ...aggregator };
      const changes: Partial<Aggregator> = { ...input, programCodes, regionCodes };
      Object.assign(
        aggregator,
        Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
      );
      const saved = await this.aggregators.save(tx.manager, aggregator);
      await tx.audit({
        action: 'aggregator.updated',
        entity: 'aggregator',
        entityId: id,
        before,
        after: saved,
      });
      return saved;
    });
  }

  /**
   * For other modules, inside their transaction: refuses (400 on `aggregatorId`) unless the aggregator is active
   * and serves the program, and holds a share lock so a concurrent deactivation waits for the caller to finish.
   */
  async assertServes(
    manager: EntityManager | undefined,
    aggregatorId: string,
    programCode: string,
  ): Promise<void> {
    const serving = await this.aggregators.servingForShare(manager ?? this.dataSource.manager, aggregatorId);
    if (!serving) {
      throw new InvalidInputError('the aggregator does not exist', [
        { field: 'aggregatorId', message: 'does not exist' },
      ]);
    }
    if (serving.status !== 'active' || !serving.programCodes.includes(programCode)) {
      const why = serving.status !== 'active' ? 'is inactive' : `does not serve ${programCode}`;
      throw new InvalidInputError('the aggregator does not serve this program', [
        { field: 'aggregatorId', message: why },
      ]);
    }
  }

  private async assertReferencesExist(
    manager: EntityManager,
    programCodes: string[],
    regionCodes: string[],
  ): Promise<void> {
    // one after the other: both run on the transaction's single connection
    const unknownPrograms = programCodes.length
      ? await this.aggregators.unknownProgramCodes(manager, programCodes)
      : [];
    const unknownRegions = regionCodes.length
      ? await this.aggregators.unknownRegionCodes(manager, regionCodes)
      : [];
    const errors: FieldError[] = [
      ...unknownPrograms.map((code) => ({
        field: 'programCodes',
        message: `program ${code} does not exist`,
      })),
      ...unknownRegions.map((code) => ({ field: 'regionCodes', message: `region ${code} does not exist` })),
    ];
    if (errors.length) {
      throw new InvalidInputError(errors.map((e) => e.message).join('; '), errors);
    }
  }
}

function unique(codes: string[]): string[] {
  return [...new Set(codes)];
}
