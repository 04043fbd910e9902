import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
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

type Section = (databaseUrl: string, seconds: number, runs: number, only: Set<string>) => Promise<Row[]>;

/** Row names for BENCH_ONLY (comma-separated): claims, needs-get, coverage, map, notifications, import. */
const NAMES = ['claims', 'needs-get', 'coverage', 'map', 'notifications', 'import'];

/** Each section runs on its own fresh copy of the seeded database; coverage and the map share the Jakarta-scale load. */
const SECTIONS: [string[], Section][] = [
  [['claims'], benchClaims],
  [['needs-get'], benchNeedsGet],
  [
    ['coverage', 'map'],
    (url, seconds, runs, only) =>
      benchReports(url, seconds, { coverage: only.has('coverage'), map: only.has('map'), large: process.env.BENCH_LARGE === '1', runs }),
  ],
  [['notifications'], benchNotifications],
  [['import'], benchNeedsImport],
];

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const only = new Set(process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((x) => x.trim()) : NAMES);
  const unknown = [...only].filter((n) => !NAMES.includes(n));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown ${unknown.join(', ')} (known: ${NAMES.join(', ')})`);
  const began = Date.now();
  await ensureTemplate();
  const rows: Row[] = [];
  let failed = false;
  for (const [names, section] of SECTIONS) {
    if (!names.some((n) => only.has(n))) continue;
    process.stdout.write(`\n▶ ${names.filter((n) => only.has(n)).join(', ')} (${fmt((Date.now() - began) / 1000)} s into the run)\n`);
    const db = await createTestDatabase();
    try {
      const result = await section(db.url, seconds, runs, only);
      for (const r of result) process.stdout.write(`  ${r.name}: ${r.product} vs ${r.baseline} → ${ratioOf(r)}\n`);
      rows.push(...result);
    } catch (e) {
      // One failing section does not lose the others' figures: it shows as a failed row (and the exit code is 1).
      process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
      failed = true;
      const message = (e instanceof Error ? e.message : String(e)).split('\n')[0].replace(/\|/g, '/');
      rows.push({ name: names.join(', '), product: 'failed', baseline: '–', ratio: 0, ratioText: '–', target: '–', met: false, note: `failed: ${message}` });
    } finally {
      await db.drop();
    }
  }
  const minutes = (Date.now() - began) / 60000;
  const table = [
    '| measurement | KSBB: median (min–max) | baseline: median (min–max) | ratio | target | met | CPU ms per request, KSBB: process + PG | CPU ms per request, baseline: process + PG | API start | API RSS idle / load |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.product} | ${r.baseline} | ${ratioOf(r)} | ${r.target} | ${r.target === 'information' ? '–' : r.met ? 'yes' : '**no**'} | ` +
        `${r.cpuProduct ?? '–'} | ${r.cpuBaseline ?? '–'} | ${r.start ?? '–'} | ${r.rss ?? '–'} |`,
    ),
  ].join('\n');
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`).join('\n');
  process.stdout.write(`\n${table}\n\n${notes}\n`);
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  // BENCH_OUT: write elsewhere (a short smoke run must not replace the measured document)
  const file = process.env.BENCH_OUT ?? join(ROOT, 'docs/PERFORMANCE.md');
  // The measured part is rewritten; the analysis below ANALYSIS (profiles, fixes, next steps) is written by hand and kept.
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const analysis = previous.includes(ANALYSIS) ? previous.slice(previous.indexOf(ANALYSIS)) : `${ANALYSIS}\n`;
  // BENCH_CONDITIONS: a sentence on the machine's state (e.g. "shared with five other engineers, load average 9")
  const conditions = process.env.BENCH_CONDITIONS ? `\n\n**Conditions: ${process.env.BENCH_CONDITIONS}**` : '';
  const subset = process.env.BENCH_ONLY ? `; rows: ${[...only].join(', ')}` : '';
  const [load1] = loadavg();
  writeFileSync(
    file,
    `# Performance\n\nWritten by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (${cpus().length} cores, ` +
      `${fmt(totalmem() / 2 ** 30)} GiB; ${runs} interleaved pairs of ${seconds} s per row${subset}${process.env.BENCH_LARGE === '1' ? '; BENCH_LARGE=1' : ''}; ` +
      `the run took ${fmt(minutes, 1)} min, load average ${fmt(load1, 1)} at the end; server pinned to core 0 and the load generator to core 1 ` +
      `with taskset; PostgreSQL shares both).${conditions}\n\n${table}\n\n${notes}\n\n${analysis}`,
  );
  if (failed) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
    process.exit(1);
  },
);
