import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Row, ROOT } from './support';

const run = promisify(execFile);

/** Needs import of 1,000,000 rows vs `psql \copy` of the same file (runs the standalone script, parses its lines). */
export async function benchNeedsImport(): Promise<Row[]> {
  const { stdout } = await run(process.execPath, ['-r', join(ROOT, 'tools/ts-register.js'), join(ROOT, 'apps/api/scripts/bench-needs-import.ts')], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  process.stdout.write(stdout.replace(/^/gm, '    '));
  const num = (re: RegExp): number => Number((re.exec(stdout)?.[1] ?? '0').replace(/,/g, ''));
  const copy = num(/psql \\copy into a bare table: [\d.]+ s, ([\d,]+) rows\/s/);
  const floor = num(/into needs \(indexes, FKs, checks\): [\d.]+ s, ([\d,]+) rows\/s/);
  const inserts = num(/all inserts: [\d.]+ s, ([\d,]+) rows\/s/);
  const updates = num(/all updates: [\d.]+ s, ([\d,]+) rows\/s/);
  return [
    {
      name: 'needs import, 1,000,000 CSV rows (inserts)',
      product: `${inserts.toLocaleString('en-US')} rows/s`,
      baseline: `${copy.toLocaleString('en-US')} rows/s (psql \\copy into a bare table)`,
      ratio: inserts / copy,
      target: '≥ 50 %',
      met: inserts / copy >= 0.5,
      note: `re-import (all updates) ${updates.toLocaleString('en-US')} rows/s; one plain INSERT … SELECT into needs (its indexes, FKs, checks, report triggers) runs at ${floor.toLocaleString('en-US')} rows/s, so the gap is the table's write cost, not the import path`,
    },
  ];
}
