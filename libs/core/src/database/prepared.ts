import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

const names = new Map<string, string>();

/**
 * Named statements live on a server connection. Behind PgBouncer in transaction pooling (before 1.21, or without
 * max_prepared_statements) consecutive transactions of one client connection run on different server connections,
 * so a name is missing (26000) or already there (42P05). Both fail at Parse/Bind, before anything runs, so the
 * query is simply sent again unnamed, and this process stops naming statements.
 */
const NAMES_UNSUPPORTED = new Set(['26000', '42P05']);
let naming = true;

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
  if (!naming) return dataSource.query(text, values);
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  try {
    const result = await pool.query({ name: nameOf(text), text, values });
    return result.rows as T[];
  } catch (e) {
    if (!NAMES_UNSUPPORTED.has((e as { code?: unknown }).code as string)) throw new QueryFailedError(text, values, e as Error);
    if (naming) {
      naming = false;
      new Logger('Database').warn(
        `named statements do not survive this connection pooling (${(e as { code?: unknown }).code}); sending queries unnamed`,
      );
    }
    return dataSource.query(text, values);
  }
}
