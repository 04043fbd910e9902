/**
 * Benchmarks the needs CSV import against a bare `\copy` of the same file.
 *
 *   node -r ./tools/ts-register.js apps/api/scripts/bench-needs-import.ts [rows=1000000]
 *
 * Generates a CSV of valid PANGAN/SEMBAKO needs over the real RT codes in /tmp, copies the seeded template into a
 * scratch database, times psql's \copy of the file into a bare table with the same columns and one INSERT … SELECT
 * from there into `needs` (the floor for landing rows in that table), then imports the file with NeedsImportService
 * (streamed from disk, as the endpoint streams its body) and again (every row an update). Prints rows/s for each,
 * the ratios, and the peak memory of this process during the import.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, statSync, unlinkSync } from 'node:fs';
import { once } from 'node:events';
import { DataSource } from 'typeorm';
import { NeedImportResult, NeedsImportService, SYSTEM_PRINCIPAL } from '@ksbb/core';
import { createTestDatabase, ensureTemplate, testConfig } from '@ksbb/testing';
import { createApp } from '../src/app.factory';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const FILE = `/tmp/ksbb-bench-needs-${process.pid}.csv`;
const HEADER =
  'programCode,packageCode,regionCode,title,description,quantity,beneficiaryCount,source,sourceRef,lon,lat,contactName,contactRole,contactPhone,dueDate';

async function writeCsv(rtCodes: string[]): Promise<void> {
  const out = createWriteStream(FILE);
  let chunk = `${HEADER}\n`;
  for (let i = 0; i < ROWS; i++) {
    const code = rtCodes[i % rtCodes.length];
    const lon = (106.7 + (i % 1000) / 5000).toFixed(5);
    const lat = (-6.1 - (i % 700) / 3500).toFixed(5);
    chunk +=
      `PANGAN,SEMBAKO,${code},Sembako untuk warga ${code},"Penerima bansos, tahap ${i % 5}",${(i % 60) + 1},` +
      `${(i % 60) + 1},bansos,BENCH-${i},${lon},${lat},Ketua ${code.slice(-5)},Ketua RT,+6221${String(i).padStart(7, '0')},2021-03-31\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function psqlCopy(url: string): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(
    'psql',
    [url, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy bench_copy_target FROM '${FILE}' CSV HEADER`],
    {
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`psql failed: ${run.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function insertFromBareTable(ds: DataSource): Promise<void> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(`SET LOCAL work_mem = '128MB'`);
    await runner.query(
      `INSERT INTO needs (program_code, package_id, region_code, title, description, quantity, beneficiary_count, status,
                          source, source_ref, location, contact_name, contact_role, contact_phone, due_date)
       SELECT b.program_code, p.id, b.region_code, b.title, b.description, b.quantity, b.beneficiary_count, 'draft',
              b.source, b.source_ref, ST_SetSRID(ST_MakePoint(b.lon, b.lat), 4326), b.contact_name, b.contact_role,
              b.contact_phone, b.due_date
         FROM bench_copy_target b JOIN packages p ON p.program_code = b.program_code AND p.code = b.package_code`,
    );
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

async function main(): Promise<void> {
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  await ensureTemplate();
  const db = await createTestDatabase();
  const app = await createApp(testConfig(db.url), { logger: false });
  try {
    const ds = app.get(DataSource);
    const rtCodes = (await ds.query(`SELECT code FROM regions WHERE level = 'rt' ORDER BY code`)).map(
      (r: { code: string }) => r.code,
    );
    const generated = await timed(() => writeCsv(rtCodes));
    const mb = statSync(FILE).size / 1024 / 1024;
    console.log(
      `CSV: ${ROWS.toLocaleString('en')} rows over ${rtCodes.length} RT codes, ${mb.toFixed(0)} MB, written in ${generated.seconds.toFixed(1)} s`,
    );

    // Bare COPY, and the floor for anything that lands rows in `needs`: one INSERT … SELECT from that bare table
    // (rolled back and vacuumed away, so the import below starts from the same empty table).
    await ds.query(
      `CREATE TABLE bench_copy_target (program_code text, package_code text, region_code text, title text, description text,
         quantity int, beneficiary_count int, source text, source_ref text, lon float8, lat float8,
         contact_name text, contact_role text, contact_phone text, due_date date)`,
    );
    const copySeconds = psqlCopy(db.url);
    console.log(
      `psql \\copy into a bare table: ${copySeconds.toFixed(1)} s, ${rate(ROWS, copySeconds)} rows/s`,
    );
    const floor = await timed(() => insertFromBareTable(ds));
    await ds.query('VACUUM needs');
    console.log(
      `one INSERT … SELECT from that table into needs (indexes, FKs, checks): ${floor.seconds.toFixed(1)} s, ${rate(ROWS, floor.seconds)} rows/s`,
    );

    const imports = app.get(NeedsImportService);
    const run = (): Promise<NeedImportResult> =>
      imports.import(createReadStream(FILE), { publish: false }, SYSTEM_PRINCIPAL);
    const baseRss = process.memoryUsage().rss;
    peakRss = baseRss;
    const first = await timed(run);
    console.log(
      `NeedsImportService, all inserts: ${first.seconds.toFixed(1)} s, ${rate(ROWS, first.seconds)} rows/s ` +
        `(inserted ${first.result.inserted}, updated ${first.result.updated}, rejected ${first.result.rejected.length}); ` +
        `peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB, ${((peakRss - baseRss) / 2 ** 20).toFixed(0)} MB above the start`,
    );
    const second = await timed(run);
    console.log(
      `NeedsImportService, all updates: ${second.seconds.toFixed(1)} s, ${rate(ROWS, second.seconds)} rows/s ` +
        `(inserted ${second.result.inserted}, updated ${second.result.updated}, rejected ${second.result.rejected.length})`,
    );
    console.log(
      `ratio to bare \\copy: ${(first.seconds / copySeconds).toFixed(1)}x its time on inserts, ` +
        `${(second.seconds / copySeconds).toFixed(1)}x on updates; ` +
        `to the INSERT … SELECT floor: ${(first.seconds / floor.seconds).toFixed(2)}x`,
    );
  } finally {
    clearInterval(sampler);
    await app.close();
    await db.drop();
    unlinkSync(FILE);
  }
}

const rate = (rows: number, seconds: number): string => Math.round(rows / seconds).toLocaleString('en');

main()
  .then(() => process.exit(0))
  .catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
  });
