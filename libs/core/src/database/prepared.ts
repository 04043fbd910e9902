import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

const names = new Map<string, string>();

/** The statement's name: derived from its text, so one name never stands for two texts on a connection. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `ksbb_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size < 1000) names.set(text, name);
  }
  return name;
}

/**
 * A hot query as a named (prepared) statement: PostgreSQL parses and plans it once per pooled connection instead of
 * on every call (node-postgres sends Parse only the first time a connection sees the name). Outside a transaction
 * only: given a manager that runs one, the query goes through it unprepared. Errors are TypeORM's QueryFailedError,
 * as from `dataSource.query`.
 */
export async function preparedQuery<T>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
  manager?: EntityManager,
): Promise<T[]> {
  if (manager?.queryRunner && manager.queryRunner.isTransactionActive) return manager.query(text, values);
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  try {
    const result = await pool.query({ name: nameOf(text), text, values });
    return result.rows as T[];
  } catch (e) {
    throw new QueryFailedError(text, values, e as Error);
  }
}
