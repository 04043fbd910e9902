import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, Page, pageOf, PageRequest, SortSpec } from '../common/pagination';
import { escapeLike } from '../common/sql';
import { preparedQuery } from '../database/prepared';
import { NeedStatus } from './need.entity';
import {
  contactVisibleSql,
  NEED_VIEW_COLUMNS,
  NeedSortField,
  needViewJoins,
  NeedView,
  NeedViewRow,
  toNeedView,
} from './need.view';
import type { NeedReader } from './need-visibility';

/** minLon, minLat, maxLon, maxLat in WGS 84 */
export type BoundingBox = [number, number, number, number];

export interface NeedFilter {
  programCode?: string;
  packageCode?: string;
  /** the region and everything under it */
  regionCode?: string;
  statuses?: NeedStatus[];
  /** words of the title */
  q?: string;
  bbox?: BoundingBox;
  /** only needs naming this institution as their target */
  targetInstitutionId?: string;
}

/** Sortable API fields and the SQL over a need row `n` each sorts by. */
export const NEED_SORT_COLUMNS: Record<NeedSortField, string> = {
  createdAt: 'n.created_at',
  dueDate: 'n.due_date',
  quantity: 'n.quantity',
  availableQuantity: '(n.quantity - n.allocated_quantity)',
  title: 'n.title',
};

/** Reads of needs in the shape callers see: which needs (drafts only for staff) and the contact, decided in SQL. */
@Injectable()
export class NeedViewsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(
    id: string,
    reader: NeedReader,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<NeedView | null> {
    const params: unknown[] = [id];
    const visible = contactVisibleSql(reader.contact, (v) => `$${params.push(v)}`);
    // GET /needs/{id}: a named statement (planned once per connection; the text varies only with the reader's kind)
    const rows = await preparedQuery<NeedViewRow>(
      this.dataSource,
      `SELECT ${NEED_VIEW_COLUMNS} FROM needs n ${needViewJoins(visible)} WHERE n.id = $1 AND ${reader.visibleSql('n')}`,
      params,
      manager,
    );
    return rows[0] ? toNeedView(rows[0]) : null;
  }

  /**
   * One page and the total, as two statements run side by side. The page is cut from `needs` alone first, so the
   * joins and the contact check run for at most `limit` rows.
   */
  async list(
    filter: NeedFilter,
    reader: NeedReader,
    page: PageRequest,
    sort: SortSpec,
  ): Promise<Page<NeedView>> {
    const params: unknown[] = [];
    const bind = (v: unknown): string => `$${params.push(v)}`;
    const where = whereClause(filter, reader.visibleSql('n'), bind);
    const countParams = [...params];
    const order = `${sort.column} ${sort.direction} NULLS LAST, n.id ${sort.direction}`;
    const limit = bind(page.limit);
    const offset = bind(offsetOf(page));
    const visible = contactVisibleSql(reader.contact, bind);
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${NEED_VIEW_COLUMNS}
           FROM (SELECT n.* FROM needs n ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}) n
           ${needViewJoins(visible)}
          ORDER BY ${order}`,
        params,
      ) as Promise<NeedViewRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM needs n ${where}`, countParams) as Promise<
        { total: number }[]
      >,
    ]);
    return pageOf(rows.map(toNeedView), total, page);
  }
}

function whereClause(filter: NeedFilter, visibleSql: string, bind: (value: unknown) => string): string {
  const where: string[] = [visibleSql];
  if (filter.programCode) where.push(`n.program_code = ${bind(filter.programCode)}`);
  if (filter.packageCode)
    where.push(`n.package_id IN (SELECT id FROM packages WHERE code = ${bind(filter.packageCode)})`);
  if (filter.regionCode) {
    // Codes are C-collated, so the prefix LIKE is a range scan of the region index.
    where.push(
      `(n.region_code = ${bind(filter.regionCode)} OR n.region_code LIKE ${bind(`${escapeLike(filter.regionCode)}.%`)})`,
    );
  }
  if (filter.statuses?.length) where.push(`n.status = ANY(${bind(filter.statuses)}::text[])`);
  if (filter.q) where.push(`n.title ILIKE ${bind(`%${escapeLike(filter.q)}%`)}`);
  if (filter.targetInstitutionId) where.push(`n.target_institution_id = ${bind(filter.targetInstitutionId)}`);
  if (filter.bbox) {
    const [minLon, minLat, maxLon, maxLat] = filter.bbox.map((v) => bind(v));
    where.push(`n.location && ST_MakeEnvelope(${minLon}, ${minLat}, ${maxLon}, ${maxLat}, 4326)`);
  }
  return `WHERE ${where.join(' AND ')}`;
}
