import { ScheduledReportRunner } from '@ksbb/core';
import { startTestApi, TestApi } from '../../test/harness';
import { auth, binary, pdfText, readWorkbook } from '@ksbb/testing/api';

const schedule = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'Laporan mingguan pimpinan',
  cron: '0 7 * * MON',
  report: 'coverage',
  format: 'xlsx',
  recipients: ['pimpinan@jakarta.go.id', 'Biro.KSD@jakarta.go.id'],
  params: { program: 'PANGAN', level: 'city' },
  ...overrides,
});

describe('report schedules and runs', () => {
  let api: TestApi;
  let operator: Record<string, string>;

  beforeAll(async () => {
    api = await startTestApi();
    operator = auth(await api.tokenFor('operator'));
  });

  afterAll(() => api.close());

  it('creates, lists, reads and deletes a schedule, with an audit trail', async () => {
    const created = await api.http.post('/api/v1/report-schedules').set(operator).send(schedule());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Laporan mingguan pimpinan',
      cron: '0 7 * * MON',
      report: 'coverage',
      format: 'xlsx',
      recipients: ['pimpinan@jakarta.go.id', 'biro.ksd@jakarta.go.id'],
      params: { program: 'PANGAN', level: 'city' },
      active: true,
    });
    const viewer = auth(await api.tokenFor('viewer'));
    const list = await api.http.get('/api/v1/report-schedules').set(viewer);
    expect(list.body.meta.total).toBe(1);
    expect(list.body.data[0].id).toBe(created.body.id);
    expect((await api.http.get(`/api/v1/report-schedules/${created.body.id}`).set(viewer)).body.name).toBe(
      'Laporan mingguan pimpinan',
    );

    expect((await api.http.delete(`/api/v1/report-schedules/${created.body.id}`).set(operator)).status).toBe(
      204,
    );
    expect((await api.http.delete(`/api/v1/report-schedules/${created.body.id}`).set(operator)).status).toBe(
      404,
    );
    expect((await api.http.get(`/api/v1/report-schedules/${created.body.id}`).set(viewer)).status).toBe(404);
    const audit = await api.ds.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [
      created.body.id,
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'report_schedule.created',
      'report_schedule.deleted',
    ]);
  });

  it('validates the cron expression, the report, the format, the recipients and the params', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ cron: '* * * *' }, 'cron'],
      [{ cron: '61 * * * *' }, 'cron'],
      [{ cron: '*/0 * * * *' }, 'cron'],
      [{ report: 'everything' }, 'report'],
      [{ format: 'docx' }, 'format'],
      [{ recipients: [] }, 'recipients'],
      [{ recipients: ['not-an-email'] }, 'recipients'],
      [{ params: { program: 'NOPE' } }, 'params.program'],
      [{ params: { level: 'rt' } }, 'params.level'],
      [{ colour: 'red' }, 'colour'],
    ];
    for (const [override, field] of cases) {
      const res = await api.http.post('/api/v1/report-schedules').set(operator).send(schedule(override));
      expect({ override, status: res.status }).toEqual({ override, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field).join(' ')).toContain(field);
    }
  });

  it('roles: staff manage schedules, internal roles read them, others are refused', async () => {
    for (const role of ['viewer', 'collaborator', 'aggregator'] as const) {
      expect(
        (
          await api.http
            .post('/api/v1/report-schedules')
            .set(auth(await api.tokenFor(role)))
            .send(schedule())
        ).status,
      ).toBe(403);
    }
    for (const role of ['collaborator', 'aggregator'] as const) {
      const headers = auth(await api.tokenFor(role));
      expect((await api.http.get('/api/v1/report-schedules').set(headers)).status).toBe(403);
      expect((await api.http.get('/api/v1/report-runs').set(headers)).status).toBe(403);
    }
    expect((await api.http.get('/api/v1/report-runs')).status).toBe(401);
    expect(
      (
        await api.http
          .post('/api/v1/report-schedules')
          .set(auth(await api.tokenFor('admin')))
          .send(schedule())
      ).status,
    ).toBe(201);
  });

  it('a run renders the file once per tick, emits report.ready, and serves the file', async () => {
    const runner = api.app.get(ScheduledReportRunner);
    const tick = new Date('2026-03-02T00:00:00.000Z');
    const files: Record<string, string> = {};
    for (const format of ['xlsx', 'csv', 'pdf']) {
      const created = await api.http
        .post('/api/v1/report-schedules')
        .set(operator)
        .send(schedule({ format, report: format === 'pdf' ? 'summary' : 'coverage' }));
      // Two deliveries of the same tick at once: one renders, the other sees the run already taken.
      const outcomes = await Promise.all([
        runner.runTick(created.body.id, tick),
        runner.runTick(created.body.id, tick),
      ]);
      expect(outcomes.sort()).toEqual(['duplicate', 'rendered']);
      const runs = await api.http.get(`/api/v1/report-runs?scheduleId=${created.body.id}`).set(operator);
      expect(runs.body.meta.total).toBe(1);
      expect(runs.body.data[0]).toMatchObject({
        status: 'succeeded',
        format,
        scheduledFor: tick.toISOString(),
        hasFile: true,
      });
      files[format] = runs.body.data[0].id;
      const [event] = await api.ds.query(
        `SELECT payload FROM outbox_events WHERE type = 'report.ready' AND aggregate_id = $1`,
        [runs.body.data[0].id],
      );
      expect(event.payload).toMatchObject({
        scheduleId: created.body.id,
        recipients: ['pimpinan@jakarta.go.id', 'biro.ksd@jakarta.go.id'],
        fileUrl: expect.stringMatching(new RegExp(`/api/v1/report-runs/${runs.body.data[0].id}/file$`)),
      });
    }

    const xlsx = await api.http
      .get(`/api/v1/report-runs/${files.xlsx}/file`)
      .set(operator)
      .buffer(true)
      .parse(binary);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-disposition']).toBe(
      'attachment; filename="ksbb-coverage-2026-03-02-00-00.xlsx"',
    );
    const wb = await readWorkbook(xlsx.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cakupan', 'Info']);

    const csv = await api.http
      .get(`/api/v1/report-runs/${files.csv}/file`)
      .set(auth(await api.tokenFor('viewer')));
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toMatch(/^\uFEFFKode wilayah,Nama wilayah/);

    const pdf = await api.http
      .get(`/api/v1/report-runs/${files.pdf}/file`)
      .set(operator)
      .buffer(true)
      .parse(binary);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('Ringkasan KSBB');
    expect(text).toContain('Kuantitas dibutuhkan');
    // The scheduled summary PDF is the leadership brief: one page per program (here the one asked for).
    const pagesOf = (pdfFile: Buffer): number =>
      (pdfFile.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
    expect(pagesOf(pdf.body as Buffer)).toBe(1);
    for (const words of [
      'Ringkasan KSBB untuk pimpinan',
      'PANGAN',
      'Dijanjikan kolaborator',
      'Kuantitas diklaim',
      'Kuantitas tersalurkan',
      'Kolaborator teratas',
      'Cakupan',
    ]) {
      expect(text).toContain(words);
    }
    const everyProgram = await api.http
      .post('/api/v1/report-schedules')
      .set(operator)
      .send(schedule({ format: 'pdf', report: 'summary', params: {} }));
    expect(await runner.runTick(everyProgram.body.id, tick)).toBe('rendered');
    const [allRun] = await api.ds.query(`SELECT id FROM report_runs WHERE schedule_id = $1`, [
      everyProgram.body.id,
    ]);
    const all = await api.http
      .get(`/api/v1/report-runs/${allRun.id}/file`)
      .set(operator)
      .buffer(true)
      .parse(binary);
    const programs: { code: string }[] = await api.ds.query(
      `SELECT code FROM programs WHERE status <> 'draft'`,
    );
    expect(programs.length).toBeGreaterThan(1);
    expect(pagesOf(all.body as Buffer)).toBe(programs.length);
    const allText = pdfText(all.body as Buffer);
    for (const { code } of programs) expect(allText).toContain(`(${code})`);

    expect(
      (await api.http.get('/api/v1/report-runs/00000000-0000-4000-8000-000000000000/file').set(operator))
        .status,
    ).toBe(404);
    const [pending] = await api.ds.query(
      `INSERT INTO report_runs (report, format, status) VALUES ('summary', 'csv', 'running') RETURNING id`,
    );
    expect((await api.http.get(`/api/v1/report-runs/${pending.id}/file`).set(operator)).status).toBe(409);
  });
});
