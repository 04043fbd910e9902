import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, ensureTemplate } from '@ksbb/testing';
import { benchClaims } from './claims.bench';
import { benchNeedsGet } from './needs-get.bench';
import { benchNeedsImport } from './needs-import.bench';
import { benchNotifications } from './notifications.bench';
import { benchReports } from '../../apps/api/scripts/bench-reports';
import { fmt, ROOT, Row } from './support';

type Section = (databaseUrl: string, seconds: number, runs: number) => Promise<Row[]>;

/** Each section runs on its own fresh copy of the seeded database. */
const SECTIONS: [string, Section][] = [
  ['claims', benchClaims],
  ['needs-get', benchNeedsGet],
  ['reports', (url, seconds) => benchReports(url, seconds)],
  ['notifications', benchNotifications],
  ['needs-import', () => benchNeedsImport()],
];

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const only = process.env.BENCH_ONLY?.split(',');
  await ensureTemplate();
  const rows: Row[] = [];
  for (const [name, section] of SECTIONS) {
    if (only && !only.includes(name)) continue;
    process.stdout.write(`\n▶ ${name}\n`);
    const db = await createTestDatabase();
    try {
      const result = await section(db.url, seconds, runs);
      for (const r of result) process.stdout.write(`  ${r.name}: ${r.product} vs ${r.baseline} → ${fmt(r.ratio * 100, 1)} %\n`);
      rows.push(...result);
    } finally {
      await db.drop();
    }
  }
  const table = [
    '| measurement | KSBB | baseline | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.name} | ${r.product} | ${r.baseline} | ${fmt(r.ratio * 100, 1)} % | ${r.target} | ${r.met ? 'yes' : 'no'} |`),
  ].join('\n');
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`).join('\n');
  process.stdout.write(`\n${table}\n\n${notes}\n`);
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  writeFileSync(
    join(ROOT, 'docs/PERFORMANCE.md'),
    `# Performance\n\nWritten by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (2 cores, 24 GiB; medians of ${runs} runs of ${seconds} s; ` +
      `server pinned to core 0 and the load generator to core 1 with taskset; PostgreSQL shares both).\n\n${table}\n\n${notes}\n`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
    process.exit(1);
  },
);
