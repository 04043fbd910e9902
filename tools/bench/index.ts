import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, ensureTemplate } from '@ksbb/testing';
import { benchClaims } from './claims.bench';
import { benchNeedsGet } from './needs-get.bench';
import { benchNeedsImport } from './needs-import.bench';
import { benchNotifications } from './notifications.bench';
import { benchReports } from './reports.bench';
import { fmt, ROOT, Row } from './support';

const ANALYSIS = '## What profiling found';

const ratioOf = (r: Row): string => r.ratioText ?? `${fmt(r.ratio * 100, 1)} %`;

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
      for (const r of result) process.stdout.write(`  ${r.name}: ${r.product} vs ${r.baseline} → ${ratioOf(r)}\n`);
      rows.push(...result);
    } finally {
      await db.drop();
    }
  }
  const table = [
    '| measurement | KSBB | baseline | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.name} | ${r.product} | ${r.baseline} | ${ratioOf(r)} | ${r.target} | ${r.met ? 'yes' : 'no'} |`),
  ].join('\n');
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`).join('\n');
  process.stdout.write(`\n${table}\n\n${notes}\n`);
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  // BENCH_OUT: write elsewhere (a short smoke run must not replace the measured document)
  const file = process.env.BENCH_OUT ?? join(ROOT, 'docs/PERFORMANCE.md');
  // The measured part is rewritten; the analysis below ANALYSIS (profiles, fixes, next steps) is written by hand and kept.
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const analysis = previous.includes(ANALYSIS) ? previous.slice(previous.indexOf(ANALYSIS)) : `${ANALYSIS}\n`;
  writeFileSync(
    file,
    `# Performance\n\nWritten by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (2 cores, 24 GiB; medians of ${runs} runs of ${seconds} s; ` +
      `server pinned to core 0 and the load generator to core 1 with taskset; PostgreSQL shares both).\n\n${table}\n\n${notes}\n\n${analysis}`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
    process.exit(1);
  },
);
