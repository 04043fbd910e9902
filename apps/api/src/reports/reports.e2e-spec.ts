import ExcelJS from 'exceljs';
import { startTestApi, TestApi } from '../../test/harness';
import {
  approvedCommitment,
  auth,
  binary,
  claim,
  createNeed,
  deliveryRegion,
  expectedCoverage,
  expectedScores,
  expectedSummary,
  handoverBody,
  readWorkbook,
  submitHandover,
  verifyHandover,
} from '@ksbb/testing/api';

describe('reports', () => {
  let api: TestApi;
  let admin: Record<string, string>;

  beforeAll(async () => {
    api = await startTestApi();
    admin = auth(await api.tokenFor('admin'));
    const operator = auth(await api.tokenFor('operator'));
    // Two published needs in two districts, one claimed and delivered in part, one claimed and released.
    const needs: string[] = [];
    for (const regionCode of ['31.71.01.1001.RW01.RT001', '31.72.01.1001.RW01.RT001']) {
      const need = await createNeed(api, { regionCode, quantity: 40, beneficiaryCount: 120 });
      const res = await api.http.post(`/api/v1/needs/${need.id}/publish`).set(operator).send();
      expect(res.status).toBe(200);
      needs.push(need.id);
    }
    const commitment = await approvedCommitment(api, {
      items: [{ packageCode: 'SEMBAKO', quantity: 100, unitValue: 250_000 }],
    });
    const kept = await claim(api, { commitmentId: commitment.id, needId: needs[0], quantity: 30 });
    expect(kept.status).toBe(201);
    const released = await claim(api, { commitmentId: commitment.id, needId: needs[1], quantity: 5 });
    expect(released.status).toBe(201);
    const rel = await api.http
      .post(`/api/v1/allocations/${released.body.id}/release`)
      .set(auth(await api.tokenFor('collaborator')))
      .send({});
    expect(rel.status).toBe(200);
    const handover = await submitHandover(
      api,
      handoverBody(await deliveryRegion(api.ds), [{ allocationId: String(kept.body.id), quantity: 12 }]),
    );
    expect(handover.status).toBe(201);
    expect((await verifyHandover(api, handover.body.id)).status).toBe(200);
  });

  afterAll(() => api.close());

  it('summary equals the base tables, with the commitment pledged and the delivery verified', async () => {
    const res = await api.http.get('/api/v1/reports/summary').set(admin);
    expect(res.status).toBe(200);
    const expected = await expectedSummary(api.ds, null);
    expect(res.body.needs).toEqual(expected.needs);
    expect(res.body.needs).toMatchObject({
      count: 2,
      quantity: 80,
      allocated: 30,
      delivered: 12,
      available: 50,
    });
    expect(res.body.handovers).toEqual({ submitted: 1, verified: 1, rejected: 0, pending: 0 });
    expect(res.body.beneficiaries).toEqual({ planned: 240, reached: 36 });
    expect(res.body.commitments).toMatchObject({ count: 1, totalValue: 25_000_000 });
    expect(res.body.commitments.byStatus.approved).toBe(1);
    expect(res.body.collaborators.total).toBe(expected.collaboratorsTotal);
    expect(
      Object.values(res.body.collaborators.byType as Record<string, number>).reduce((a, b) => a + b, 0),
    ).toBe(expected.collaboratorsTotal);
  });

  it('a period before anything happened is empty; a program without activity is zero', async () => {
    const old = await api.http.get('/api/v1/reports/summary?from=2020-01-01&to=2020-12-31').set(admin);
    expect(old.status).toBe(200);
    expect(old.body.needs).toEqual({ count: 0, quantity: 0, allocated: 0, delivered: 0, available: 0 });
    expect(old.body.commitments.count).toBe(0);
    const umkm = await api.http.get('/api/v1/reports/summary?program=UMKM').set(admin);
    expect(umkm.body.needs.quantity).toBe(0);
    expect(umkm.body.collaborators.total).toBe(0);
  });

  it('coverage per city, district and village equals a GROUP BY over the needs', async () => {
    for (const level of ['city', 'district', 'village'] as const) {
      const res = await api.http.get(`/api/v1/reports/coverage?level=${level}&program=PANGAN`).set(admin);
      expect(res.status).toBe(200);
      const expected = await expectedCoverage(api.ds, level, 'PANGAN');
      expect(
        res.body.rows.map(({ name: _n, coveragePercent: _c, ...r }: Record<string, unknown>) => r),
      ).toEqual(expected);
      expect(res.body.totals).toMatchObject({ quantity: 80, delivered: 12, coveragePercent: 15 });
    }
    const district = await api.http.get('/api/v1/reports/coverage?level=district').set(admin);
    expect(district.body.rows[0]).toMatchObject({
      code: '31.71.01',
      name: expect.any(String),
      coveragePercent: 30,
    });
  });

  it('collaborators: pledged versus delivered per collaborator', async () => {
    const res = await api.http.get('/api/v1/reports/collaborators?program=PANGAN').set(admin);
    expect(res.status).toBe(200);
    const expected = await expectedScores(api.ds, 'PANGAN');
    expect(res.body.rows).toHaveLength(1);
    expect(res.body.rows[0]).toMatchObject(expected[0]);
    expect(res.body.rows[0]).toMatchObject({
      committed: 100,
      allocated: 30,
      delivered: 12,
      deliveredPercent: 12,
    });
  });

  it('time series: buckets by day, week and month add up to the totals', async () => {
    for (const interval of ['day', 'week', 'month']) {
      const res = await api.http.get(`/api/v1/reports/timeseries?interval=${interval}`).set(admin);
      expect(res.status).toBe(200);
      expect(res.body.points.length).toBeGreaterThanOrEqual(1);
      expect(res.body.totals).toMatchObject({
        quantity: 80,
        allocated: 30,
        delivered: 12,
        handoversVerified: 1,
        commitmentsSigned: 1,
      });
      expect(res.body.points.at(-1).cumulativeDelivered).toBe(12);
    }
  });

  it('CSV: a streamed attachment with human headers and a totals row', async () => {
    const res = await api.http.get('/api/v1/reports/coverage?level=district&format=csv').set(admin);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="ksbb-coverage-district-all-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Kode wilayah,Nama wilayah,Jumlah kebutuhan,Kuantitas dibutuhkan,Kuantitas diklaim,Kuantitas tersalurkan,Kuantitas tersedia,Cakupan (%)',
    );
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('Total,,2,80,30,12,50,15');
    const en = await api.http.get('/api/v1/reports/collaborators?format=csv&lang=en').set(admin);
    expect(en.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^Collaborator,Type,Commitments signed,/);
  });

  it('XLSX: opens with the report sheet, its totals row and an info sheet', async () => {
    const res = await api.http
      .get('/api/v1/reports/coverage?level=village&format=xlsx')
      .set(admin)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".*\.xlsx"$/);
    const wb = await readWorkbook(res.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cakupan', 'Info']);
    const sheet = wb.getWorksheet('Cakupan') as ExcelJS.Worksheet;
    expect(sheet.getRow(1).getCell(1).value).toBe('Kode wilayah');
    expect(sheet.rowCount).toBe(4);
    const totals = sheet.getRow(4).values as unknown[];
    expect(totals.slice(1)).toEqual(['Total', '', 2, 80, 30, 12, 50, 15]);
    const dataRows = [2, 3].map((i) => sheet.getRow(i).getCell(4).value as number);
    expect(dataRows.reduce((a, b) => a + b, 0)).toBe(totals[4]);

    for (const [report, sheetName] of [
      ['summary', 'Ringkasan'],
      ['collaborators', 'Kolaborator'],
      ['timeseries', 'Deret waktu'],
    ]) {
      const file = await api.http
        .get(`/api/v1/reports/${report}?format=xlsx`)
        .set(admin)
        .buffer(true)
        .parse(binary);
      const book = await readWorkbook(file.body);
      expect(book.worksheets.map((w) => w.name)).toEqual([sheetName, 'Info']);
    }
    const collab = await readWorkbook(
      (await api.http.get('/api/v1/reports/collaborators?format=xlsx').set(admin).buffer(true).parse(binary))
        .body,
    );
    const ws = collab.getWorksheet('Kolaborator') as ExcelJS.Worksheet;
    expect(ws.getRow(ws.rowCount).getCell(1).value).toBe('Total');
    expect(ws.getRow(ws.rowCount).getCell(4).value).toBe(100);
  });

  it('rejects bad parameters with 400 and names the field', async () => {
    const cases = [
      ['/api/v1/reports/coverage?level=planet', 'level'],
      ['/api/v1/reports/summary?program=NOPE', 'program'],
      ['/api/v1/reports/summary?from=2026-05-01&to=2026-01-01', 'from'],
      ['/api/v1/reports/timeseries?interval=hour', 'interval'],
      ['/api/v1/reports/summary?format=docx', 'format'],
      ['/api/v1/reports/summary?from=yesterday', 'from'],
      ['/api/v1/reports/summary?colour=red', 'colour'],
    ];
    for (const [path, field] of cases) {
      const res = await api.http.get(path).set(admin);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('only admin, operator and viewer read reports', async () => {
    const paths = ['summary', 'coverage', 'collaborators', 'timeseries', 'coverage?format=csv'].map(
      (p) => `/api/v1/reports/${p}`,
    );
    for (const path of paths) {
      for (const role of ['admin', 'operator', 'viewer'] as const) {
        expect((await api.http.get(path).set(auth(await api.tokenFor(role)))).status).toBe(200);
      }
      for (const role of ['collaborator', 'aggregator'] as const) {
        expect((await api.http.get(path).set(auth(await api.tokenFor(role)))).status).toBe(403);
      }
      expect((await api.http.get(path)).status).toBe(401);
    }
  });
});
