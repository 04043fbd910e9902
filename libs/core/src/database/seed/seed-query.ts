import type { QueryRunner } from 'typeorm';

/** Runs one statement and returns how many rows it inserted/updated (0 when ON CONFLICT skipped them all). */
export async function execute(runner: QueryRunner, sql: string, parameters: unknown[]): Promise<number> {
  const result = await runner.query(sql, parameters, true);
  return result.affected ?? 0;
}
