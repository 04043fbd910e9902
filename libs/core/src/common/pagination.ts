import { InvalidInputError } from './domain-errors';

export interface PageRequest {
  page: number;
  limit: number;
  sort?: string;
}

export interface Page<T> {
  data: T[];
  meta: { total: number; page: number; limit: number };
}

/** A sortable field or its descending form, as `?sort=` takes them. */
export type SortKey<F extends string> = F | `-${F}`;

/** Every `?sort=` value over these fields, in their order: each field, then its descending form. */
export function sortKeysOf<F extends string>(fields: readonly F[]): SortKey<F>[] {
  return fields.flatMap((field): SortKey<F>[] => [field, `-${field}`]);
}

export interface SortSpec {
  column: string;
  direction: 'ASC' | 'DESC';
}

/**
 * Resolves `?sort=field` / `?sort=-field` against an allow-list mapping API fields to SQL columns.
 * Unknown fields are a 400, never interpolated.
 */
export function resolveSort(
  sort: string | undefined,
  allowed: Record<string, string>,
  fallback: SortSpec,
): SortSpec {
  if (!sort) return fallback;
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  // own keys only: `allowed.valueOf` or `allowed.constructor` must not reach the SQL as a column
  const column = Object.hasOwn(allowed, field) ? allowed[field] : undefined;
  if (!column) {
    throw new InvalidInputError(`cannot sort by "${field}"`, [
      {
        field: 'sort',
        message: `must be one of ${Object.keys(allowed)
          .map((f) => `${f}, -${f}`)
          .join(', ')}`,
      },
    ]);
  }
  return { column, direction: desc ? 'DESC' : 'ASC' };
}

export function pageOf<T>(data: T[], total: number, req: PageRequest): Page<T> {
  return { data, meta: { total, page: req.page, limit: req.limit } };
}

export function offsetOf(req: PageRequest): number {
  return (req.page - 1) * req.limit;
}
