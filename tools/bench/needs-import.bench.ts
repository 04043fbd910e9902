import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, statSync, unlinkSync } from 'node:fs';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreModule, NeedsImportService, NeedsModule, SYSTEM_PRINCIPAL } from '@ksbb/core';
import { testConfig } from '@ksbb/testing';
import { databaseOf, fmt, interleave, interleavedRow, measureCpu, Measured, median, Row } from './support';

const run = promisify(execFile);

/** Rows per import (BENCH_IMPORT_ROWS); loads at or above BENCH_IMPORT_DEFER_ROWS also measure deferred GIN/GIST upkeep. */
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 200_000);
const DEFER_THRESHOLD = Number(process.env.BENCH_IMPORT_DEFER_ROWS ?? 100_000);
const CSV = `/tmp/ksbb-bench-import-${process.pid}.csv`;
const NEEDS_CSV = `/tmp/ksbb-bench-import-${process.pid}-needs.csv`;
const HEADER =
  'programCode,packageCode,regionCode,title,description,quantity,beneficiaryCount,source,sourceRef,lon,lat,contactName,contactRole,contactPhone,dueDate';
/** The columns of `needs` the import writes, in the order of NEEDS_CSV (the same rows, in the table's own form). */
const NEEDS_COLUMNS =
  'program_code, package_id, region_code, title, description, quantity, beneficiary_count, status, source, source_ref, location, contact_name, contact_role, contact_phone, due_date';

/** The same rows twice: as the import's CSV, and in the `needs` table's own columns for `psql \copy`. */
async function writeFiles(rtCodes: string[], packageId: string): Promise<void> {
  const a = createWriteStream(CSV);
  const b = createWriteStream(NEEDS_CSV);
  let ca = `${HEADER}\n`;
  let cb = '';
  for (let i = 0; i < ROWS; i++) {
    const code = rtCodes[i % rtCodes.length];
    const lon = (106.7 + (i % 1000) / 5000).toFixed(5);
    const lat = (-6.1 - (i % 700) / 3500).toFixed(5);
    const q = (i % 60) + 1;
    const phone = `+6221${String(i).padStart(7, '0')}`;
    ca +=
      `PANGAN,SEMBAKO,${code},Sembako untuk warga ${code},"Penerima bansos, tahap ${i % 5}",${q},${q},bansos,BENCH-${i},` +
      `${lon},${lat},Ketua ${code.slice(-5)},Ketua RT,${phone},2021-03-31\n`;
    cb +=
      `PANGAN,${packageId},${code},Sembako untuk warga ${code},"Penerima bansos, tahap ${i % 5}",${q},${q},draft,bansos,BENCH-${i},` +
      `SRID=4326;POINT(${lon} ${lat}),Ketua ${code.slice(-5)},Ketua RT,${phone},2021-03-31\n`;
    if (ca.length > 1 << 20) {
      if (!a.write(ca)) await once(a, 'drain');
      if (!b.write(cb)) await once(b, 'drain');
      ca = '';
      cb = '';
    }
  }
  a.end(ca);
  b.end(cb);
  await Promise.all([once(a, 'finish'), once(b, 'finish')]);
}

const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;

/**
 * Needs import: NeedsImportService (the endpoint's path: the CSV streamed, COPY into staging, one upsert with per-line
 * rejects) interleaved with `psql \copy` of the same rows into the `needs` table itself (its indexes, keys, checks and
 * triggers; rolled back). Between runs the imported rows are deleted and the table vacuumed, so every run starts
 * from the same table. Information rows: `\copy` into a bare table, a re-import (all updates), and above
 * BENCH_IMPORT_DEFER_ROWS both paths with the trigram (GIN) and spatial (GIST) indexes dropped and rebuilt after.
 */
export async function benchNeedsImport(databaseUrl: string, _seconds: number, runs: number): Promise<Row[]> {
  const database = databaseOf(databaseUrl);
  // The import service as the API wires it (NeedsModule on the core module), in this process.
  @Module({ imports: [CoreModule.forRoot(testConfig(databaseUrl), 'ksbb-bench'), NeedsModule] })
  class BenchImportModule {}
  const app = await NestFactory.createApplicationContext(BenchImportModule, { logger: false });
  const rows: Row[] = [];
  try {
    const ds = app.get(DataSource);
    const imports = app.get(NeedsImportService);
    const rtCodes = (await ds.query(`SELECT code FROM regions WHERE level = 'rt' ORDER BY code`)).map((r: { code: string }) => r.code);
    const [{ id: packageId }] = await ds.query(`SELECT id FROM packages WHERE program_code = 'PANGAN' AND code = 'SEMBAKO'`);
    await writeFiles(rtCodes, packageId);
    process.stdout.write(`    ${fmt(ROWS)} rows, ${fmt(statSync(CSV).size / 2 ** 20)} MiB CSV\n`);

    const clean = async (): Promise<void> => {
      await ds.query(`DELETE FROM needs WHERE source = 'bansos' AND source_ref LIKE 'BENCH-%'`);
      await ds.query('VACUUM ANALYZE needs');
    };
    const psql = async (sql: string[]): Promise<void> => {
      await run('psql', [databaseUrl, '-q', '-v', 'ON_ERROR_STOP=1', ...sql.flatMap((c) => ['-c', c])], { maxBuffer: 16 * 1024 * 1024 });
    };
    const product = async (): Promise<Measured> => {
      await clean();
      const { result, cpu } = await measureCpu(process.pid, database, async () => {
        const t = process.hrtime.bigint();
        const r = await imports.import(createReadStream(CSV), { publish: false }, SYSTEM_PRINCIPAL);
        if (r.inserted !== ROWS) throw new Error(`the import inserted ${r.inserted} of ${ROWS} rows (${r.rejected.length} rejected)`);
        return ROWS / seconds(t);
      });
      return { rate: result, count: ROWS, cpu };
    };
    // \copy into needs itself, in a transaction rolled back (the rows and their index entries never become visible)
    const copyIntoNeeds = async (): Promise<Measured> => {
      await clean();
      const { result, cpu } = await measureCpu(null, database, async () => {
        const t = process.hrtime.bigint();
        await psql(['BEGIN', `\\copy needs (${NEEDS_COLUMNS}) FROM '${NEEDS_CSV}' CSV`, 'ROLLBACK']);
        return ROWS / seconds(t);
      });
      return { rate: result, count: ROWS, cpu };
    };
    const r = await interleave(runs, product, copyIntoNeeds, false);
    rows.push(
      interleavedRow({
        name: `needs import, ${fmt(ROWS)} CSV rows (inserts) vs psql \\copy into needs`,
        runs: r,
        unit: 'rows/s',
        baselineLabel: 'psql \\copy of the same rows into needs: its indexes, keys, checks, triggers',
        target: 0.8,
        note: 'CPU per row: the bench process (which runs the import service) + PostgreSQL',
      }),
    );

    // Information: a re-import (every row an update: the rows are imported once more first, the last baseline run
    // having cleaned them away), and \copy into a bare table with the CSV's own columns.
    await imports.import(createReadStream(CSV), { publish: false }, SYSTEM_PRINCIPAL);
    const t = process.hrtime.bigint();
    const again = await imports.import(createReadStream(CSV), { publish: false }, SYSTEM_PRINCIPAL);
    const updates = ROWS / seconds(t);
    await ds.query(
      `CREATE TABLE bench_copy_target (program_code text, package_code text, region_code text, title text, description text,
         quantity int, beneficiary_count int, source text, source_ref text, lon float8, lat float8,
         contact_name text, contact_role text, contact_phone text, due_date date)`,
    );
    const tb = process.hrtime.bigint();
    await psql([`\\copy bench_copy_target FROM '${CSV}' CSV HEADER`]);
    const bare = ROWS / seconds(tb);
    await ds.query('DROP TABLE bench_copy_target');
    const importRate = median(r.product.map((x) => x.rate));
    rows.push({
      name: `needs import vs psql \\copy into a bare table (information)`,
      product: `${fmt(importRate)} rows/s`,
      baseline: `${fmt(bare)} rows/s (psql \\copy, bare table, no indexes)`,
      ratio: importRate / bare,
      target: 'information',
      met: true,
      note: `re-import of the same file (${fmt(again.updated)} updates, ${fmt(again.inserted)} inserts): ${fmt(updates)} rows/s`,
    });

    if (ROWS >= DEFER_THRESHOLD) {
      // Deferred upkeep of the trigram (search) and spatial (map) indexes: dropped, the load, rebuilt — timed whole.
      const deferred: { indexdef: string; indexname: string }[] = await ds.query(
        `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'needs' AND (indexdef ILIKE '%USING gin%' OR indexdef ILIKE '%USING gist%')`,
      );
      const around = async (load: () => Promise<void>): Promise<number> => {
        await clean();
        const t0 = process.hrtime.bigint();
        for (const i of deferred) await ds.query(`DROP INDEX ${i.indexname}`);
        try {
          await load();
        } finally {
          for (const i of deferred) await ds.query(i.indexdef);
        }
        return ROWS / seconds(t0);
      };
      const importDeferred = await around(async () => {
        await imports.import(createReadStream(CSV), { publish: false }, SYSTEM_PRINCIPAL);
      });
      const copyDeferred = await around(() =>
        psql([`\\copy needs (${NEEDS_COLUMNS}) FROM '${NEEDS_CSV}' CSV`]),
      );
      await clean();
      rows.push({
        name: `needs import with ${deferred.map((i) => i.indexname).join(', ')} dropped and rebuilt after (information)`,
        product: `${fmt(importDeferred)} rows/s`,
        baseline: `${fmt(copyDeferred)} rows/s (psql \\copy into needs, same indexes deferred)`,
        ratio: importDeferred / copyDeferred,
        target: 'information',
        met: true,
        note: `one run each, rebuild included, at ${fmt(ROWS)} rows (threshold BENCH_IMPORT_DEFER_ROWS=${fmt(DEFER_THRESHOLD)}); compare with the row above: import ${rows[0].product}, \\copy into needs ${rows[0].baseline.split(' (')[0]}`,
      });
    }
  } finally {
    await app.close();
    for (const f of [CSV, NEEDS_CSV]) {
      try {
        unlinkSync(f);
      } catch {
        /* not written */
      }
    }
  }
  return rows;
}
