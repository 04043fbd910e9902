import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, Page, pageOf, PageRequest, SortSpec } from '../common/pagination';
import { escapeLike } from '../common/sql';
import { Aggregator, AggregatorStatus } from './aggregator.entity';

export interface AggregatorFilter {
  /** aggregators serving this program */
  program?: string;
  status?: AggregatorStatus;
  /** matches the name */
  q?: string;
}

@Injectable()
export class AggregatorsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(Aggregator);
  }

  findById(id: string, manager?: EntityManager): Promise<Aggregator | null> {
    return this.repo(manager).findOneBy({ id });
  }

  /** Locks the row for the rest of the transaction. */
  lockById(manager: EntityManager, id: string): Promise<Aggregator | null> {
    return this.repo(manager)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id })
      .getOne();
  }

  /** Reads under a share lock, so no deactivation can commit until the caller's transaction ends. */
  async servingForShare(
    manager: EntityManager,
    id: string,
  ): Promise<{ status: AggregatorStatus; programCodes: string[] } | null> {
    const rows: { status: AggregatorStatus; programCodes: string[] }[] = await manager.query(
      `SELECT status, program_codes AS "programCodes" FROM aggregators WHERE id = $1 FOR SHARE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Names are unique regardless of case: "Dompet Dhuafa" and "dompet dhuafa" are the same organisation. */
  async nameTaken(manager: EntityManager, name: string, exceptId?: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM aggregators WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2) LIMIT 1`,
      [name, exceptId ?? null],
    );
    return rows.length > 0;
  }

  async unknownProgramCodes(manager: EntityManager, codes: string[]): Promise<string[]> {
    const rows: { code: string }[] = await manager.query(
      `SELECT c.code FROM unnest($1::text[]) AS c(code) WHERE NOT EXISTS (SELECT 1 FROM programs p WHERE p.code = c.code)`,
      [codes],
    );
    return rows.map((r) => r.code);
  }

  async unknownRegionCodes(manager: EntityManager, codes: string[]): Promise<string[]> {
    const rows: { code: string }[] = await manager.query(
      `SELECT c.code FROM unnest($1::text[]) AS c(code) WHERE NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = c.code)`,
      [codes],
    );
    return rows.map((r) => r.code);
  }

  insert(manager: EntityManager, aggregator: Partial<Aggregator>): Promise<Aggregator> {
    return this.repo(manager).save(this.repo(manager).create(aggregator));
  }

  save(manager: EntityManager, aggregator: Aggregator): Promise<Aggregator> {
    return this.repo(manager).save(aggregator);
  }

  async list(filter: AggregatorFilter, page: PageRequest, sort: SortSpec): Promise<Page<Aggregator>> {
    const qb = this.repo().createQueryBuilder('a');
    if (filter.program) qb.andWhere(':program = ANY(a.programCodes)', { program: filter.program });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.q) qb.andWhere('a.name ILIKE :q', { q: `%${escapeLike(filter.q)}%` });
    qb.orderBy(`a.${sort.column}`, sort.direction)
      .addOrderBy('a.id', 'ASC')
      .skip(offsetOf(page))
      .take(page.limit);
    const [rows, total] = await qb.getManyAndCount();
    return pageOf(rows, total, page);
  }
}
