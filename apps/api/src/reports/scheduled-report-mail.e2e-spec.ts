import { ScheduledReportRunner } from '@ksbb/core';
import { deleteRedisKeys, waitFor } from '@ksbb/testing';
import { auth } from '@ksbb/testing/api';
import { ReceivedMail, SmtpPeer, startSmtpPeer } from '@ksbb/testing/notifications';
import { startWorkerProcess, WorkerProcess } from '@ksbb/testing/processes';
import { startTestApi, TestApi } from '../../test/harness';

const RECIPIENTS = ['pimpinan@jakarta.go.id', 'kepala.bappeda@jakarta.go.id'];

/**
 * The done-when of "scheduled reports that arrive": a schedule that runs every minute with two recipients makes the
 * real worker (a child process) email each recipient once, with the report attached, through the outbox; after a
 * worker restart and a replay of the same run, nobody gets a second email.
 */
describe('scheduled report emails (real worker process and SMTP peer)', () => {
  let api: TestApi;
  let smtp: SmtpPeer;
  let operator: Record<string, string>;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    smtp = await startSmtpPeer();
    operator = auth(await api.tokenFor('operator'));
  });

  afterAll(async () => {
    for (const w of workers) await w.kill('SIGTERM');
    await smtp?.close();
    if (api) await deleteRedisKeys(api.config.REDIS_PREFIX);
    await api?.close();
  });

  const workerEnv = (): Record<string, string> => ({
    SMTP_URL: smtp.url,
    STORAGE_DIR: api.config.STORAGE_DIR,
  });

  /** The mails the peer received for one run, by the delivery id each carries. */
  const mailsOfRun = async (runId: string): Promise<ReceivedMail[]> => {
    const rows: { id: string }[] = await api.ds.query(
      `SELECT id FROM notification_deliveries WHERE report_run_id = $1`,
      [runId],
    );
    const ids = new Set(rows.map((r) => r.id));
    return smtp.received.filter((m) => ids.has(m.deliveryId));
  };

  it('mails each recipient once per run, with the CSV attached, and not again after a restart and a replay', async () => {
    const created = await api.http.post('/api/v1/report-schedules').set(operator).send({
      name: 'Ringkasan pimpinan tiap menit',
      cron: '* * * * *',
      report: 'summary',
      format: 'csv',
      recipients: RECIPIENTS,
    });
    expect(created.status).toBe(201);
    const scheduleId: string = created.body.id;

    workers.push(await startWorkerProcess(api.config, workerEnv()));
    // The first tick is at the next minute (Asia/Jakarta has whole-hour offsets, so every minute is a tick).
    let runId = '';
    let scheduledFor = new Date(0);
    await waitFor(
      'the first run to email both recipients',
      async () => {
        const [run] = await api.ds.query(
          `SELECT id, scheduled_for AS "scheduledFor" FROM report_runs
            WHERE schedule_id = $1 AND status = 'succeeded' ORDER BY scheduled_for LIMIT 1`,
          [scheduleId],
        );
        if (!run) return false;
        runId = run.id;
        scheduledFor = new Date(run.scheduledFor);
        return (await mailsOfRun(runId)).length >= RECIPIENTS.length;
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );

    const first = await mailsOfRun(runId);
    expect(first.map((m) => m.to).sort()).toEqual([...RECIPIENTS].sort());
    for (const mail of first) {
      expect(mail.event).toBe('report.ready');
      expect(mail.subject).toContain('Ringkasan pimpinan tiap menit');
      expect(mail.attachments).toHaveLength(1);
      const [file] = mail.attachments;
      expect(file.filename).toMatch(/^ksbb-summary-all-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(file.contentType).toBe('text/csv');
      expect(file.content.length).toBeGreaterThan(0);
      const lines = file.content
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .split('\r\n');
      expect(lines[0]).toBe('Indikator,Nilai');
      expect(lines.some((l) => l.startsWith('Kuantitas tersalurkan / Quantity delivered,'))).toBe(true);
    }

    // The worker restarts (killed outright), and the same run is rendered again through the job's own path, as a
    // retry or a take-over of the run does: the run's recipients were mailed already, so no delivery is added.
    await workers[0].kill('SIGKILL');
    workers.push(await startWorkerProcess(api.config, workerEnv()));
    const runner = api.app.get(ScheduledReportRunner);
    expect(await runner.runTick(scheduleId, scheduledFor)).toBe('duplicate');
    await api.ds.query(`UPDATE report_runs SET status = 'failed' WHERE id = $1`, [runId]);
    expect(await runner.runTick(scheduleId, scheduledFor)).toBe('rendered');
    const [{ events }] = await api.ds.query(
      `SELECT count(*)::int AS events FROM outbox_events WHERE type = 'report.ready' AND aggregate_id = $1`,
      [runId],
    );
    expect(events).toBe(2);

    // Everything due is sent by the restarted worker; the run's deliveries are the two rows, both sent once.
    await waitFor(
      'the run deliveries to settle',
      async () => {
        const [{ open }] = await api.ds.query(
          `SELECT count(*)::int AS open FROM notification_deliveries WHERE status <> 'sent' AND channel = 'email'`,
        );
        return open === 0;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    // A sweep period and more for anything late to show up.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const deliveries: { id: string; recipient: string; status: string }[] = await api.ds.query(
      `SELECT id, recipient, status FROM notification_deliveries WHERE report_run_id = $1 ORDER BY recipient`,
      [runId],
    );
    expect(deliveries.map((d) => [d.recipient, d.status])).toEqual(
      [...RECIPIENTS].sort().map((r) => [r, 'sent']),
    );
    const after = await mailsOfRun(runId);
    expect(after.map((m) => m.to).sort()).toEqual([...RECIPIENTS].sort());
    expect(new Set(after.map((m) => m.messageId)).size).toBe(RECIPIENTS.length);

    // Operators see them in the notifications outbox.
    const outbox = await api.http
      .get('/api/v1/notifications?channel=email&eventType=report.ready&limit=100')
      .set(operator);
    expect(outbox.status).toBe(200);
    const listed = (
      outbox.body.data as { id: string; recipient: string; status: string; reportRunId: string | null }[]
    ).filter((d) => d.reportRunId === runId);
    expect(listed.map((d) => [d.recipient, d.status]).sort()).toEqual(
      [...RECIPIENTS].sort().map((r) => [r, 'sent']),
    );
    expect(listed.map((d) => d.id).sort()).toEqual(deliveries.map((d) => d.id).sort());

    expect((await api.http.delete(`/api/v1/report-schedules/${scheduleId}`).set(operator)).status).toBe(204);
  }, 150_000);
});
