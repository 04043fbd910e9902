import { startTestApi, TestApi } from '../../test/harness';
import { auth, createNeed } from '@ksbb/testing/api';

const RW = '31.71.01.1001.RW02';
const OTHER_RW = '31.71.01.1001.RW03';
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const PHONE = /(\+62|\b0)[\s-]?8?\d{1,3}[\s-]?\d{3,4}[\s-]?\d{3,5}/;

interface CoverageRow {
  code: string;
  name: string;
  needs: number;
  quantity: number;
}

describe('reports: date ranges and the RW level', () => {
  let api: TestApi;
  let viewer: Record<string, string>;
  beforeAll(async () => {
    api = await startTestApi();
    const operator = auth(await api.tokenFor('operator'));
    viewer = auth(await api.tokenFor('viewer'));
    for (const [regionCode, quantity] of [
      [`${RW}.RT001`, 7],
      [`${RW}.RT002`, 5],
      [`${OTHER_RW}.RT001`, 3],
    ] as const) {
      const need = await createNeed(api, {
        regionCode,
        quantity,
        beneficiaryCount: quantity,
        contact: { name: 'Budi Santoso', role: 'Ketua RT', phone: '+62812345678' },
      });
      expect((await api.http.post(`/api/v1/needs/${need.id}/publish`).set(operator).send()).status).toBe(200);
    }
  });
  afterAll(() => api.close());

  const coverage = async (query: string): Promise<CoverageRow[]> => {
    const res = await api.http.get(`/api/v1/reports/coverage?${query}`).set(viewer);
    expect(res.status).toBe(200);
    return res.body.rows;
  };

  it('counts coverage per RW (from the rollups), named, and within a kelurahan when asked', async () => {
    const rows = await coverage('level=rw&region=31.71.01.1001');
    expect(rows.every((r) => r.code.startsWith('31.71.01.1001.RW'))).toBe(true);
    const mine = rows.find((r) => r.code === RW);
    expect(mine).toMatchObject({ needs: 2, quantity: 12 });
    expect(mine?.name).toMatch(/^RW 02 · \S/); // the RW's name with its kelurahan's, not its code
    expect(rows.find((r) => r.code === OTHER_RW)).toMatchObject({ needs: 1, quantity: 3 });
    // the RW rows add up to the kelurahan's row
    const [village] = await coverage('level=village&region=31.71.01.1001');
    expect(village.code).toBe('31.71.01.1001');
    expect(village.quantity).toBe(rows.reduce((s, r) => s + r.quantity, 0));
    // the rollup itself is keyed per RW
    const keyed = await api.ds.query(
      `SELECT DISTINCT region_code FROM (SELECT region_code FROM report_region_rollups UNION ALL SELECT region_code FROM report_facts) x
        WHERE region_code LIKE '31.71.01.1001.RW02%'`,
    );
    expect(keyed).toEqual([{ region_code: RW }]);
  });

  it('exports RW coverage as CSV and XLSX too (the fuzzer found the RW level missing from the export titles)', async () => {
    for (const format of ['csv', 'xlsx']) {
      const res = await api.http
        .get(`/api/v1/reports/coverage?level=rw&region=31.71.01.1001&format=${format}`)
        .set(viewer)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      if (format === 'csv') expect((res.body as Buffer).toString('utf8')).toContain(RW);
    }
  });

  it('the public map shades RWs too, counts only', async () => {
    const res = await api.http.get('/api/v1/public/needs/map?level=rw&region=31.71.01.1001');
    expect(res.status).toBe(200);
    const feature = res.body.features.find((f: { id: string }) => f.id === RW);
    expect(feature.properties).toMatchObject({ code: RW, level: 'rw', needs: 2, quantity: 12 });
    expect(Object.keys(feature.properties).sort()).toEqual(
      [
        'allocated',
        'available',
        'code',
        'coveragePercent',
        'delivered',
        'level',
        'name',
        'needs',
        'quantity',
      ].sort(),
    );
    expect(res.text).not.toMatch(EMAIL);
    expect(res.text).not.toMatch(PHONE);
    expect(res.text).not.toContain('Budi Santoso');
  });

  it.each([
    ['/api/v1/reports/coverage?level=rt', 'level'],
    ['/api/v1/reports/coverage?level=rw&region=31.71.01.1001.RW01.RT001', 'region'],
    ['/api/v1/reports/coverage?region=x', 'region'],
  ])('refuses %s (400, field %s)', async (url, field) => {
    const res = await api.http.get(url).set(viewer);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(res.body)).toContain(field);
  });

  it('refuses a bad public map level or region', async () => {
    expect((await api.http.get('/api/v1/public/needs/map?level=rt')).status).toBe(400);
    expect((await api.http.get('/api/v1/public/needs/map?level=rw&region=abc')).status).toBe(400);
  });

  it('the summary and the time series answer for a WIB date range, and only for it', async () => {
    const today = (await api.ds.query(`SELECT report_today()::text AS d`))[0].d as string;
    const inRange = await api.http.get(`/api/v1/reports/summary?from=${today}&to=${today}`).set(viewer);
    expect(inRange.status).toBe(200);
    expect(inRange.body).toMatchObject({ from: today, to: today });
    expect(inRange.body.needs.count).toBeGreaterThanOrEqual(3);
    const before = await api.http.get('/api/v1/reports/summary?from=2020-01-01&to=2020-01-31').set(viewer);
    expect(before.body.needs.count).toBe(0);

    const series = await api.http
      .get(`/api/v1/reports/timeseries?interval=day&from=2020-01-01&to=2020-01-10`)
      .set(viewer);
    expect(series.status).toBe(200);
    expect(series.body.points.map((p: { period: string }) => p.period)).toEqual(
      Array.from({ length: 10 }, (_, i) => `2020-01-${String(i + 1).padStart(2, '0')}`),
    );
    const week = await api.http
      .get(`/api/v1/reports/timeseries?interval=week&from=${today}&to=${today}`)
      .set(viewer);
    expect(week.body.points).toHaveLength(1);
    expect(week.body.totals.needsPublished).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['summary', 'from=2026-05-01&to=2026-01-01'],
    ['timeseries', 'from=2026-05-01&to=2026-01-01'],
    ['summary', 'from=2010-01-01&to=2026-01-01'],
    ['timeseries', 'interval=month&from=2010-01-01&to=2026-01-01'],
    ['timeseries', 'from=2026-02-30&to=2026-03-01'],
  ])('refuses the %s for %s (from after to, longer than 3,660 days, not a day)', async (report, query) => {
    const res = await api.http.get(`/api/v1/reports/${report}?${query}`).set(viewer);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(res.body)).toContain('from');
  });

  it('accepts exactly 3,660 days', async () => {
    const res = await api.http.get('/api/v1/reports/summary?from=2016-01-01&to=2026-01-07').set(viewer);
    // 2016-01-01 .. 2026-01-07 inclusive = 3,660 days
    expect(res.status).toBe(200);
  });
});
