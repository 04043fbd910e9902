import { deleteRedisKeys, newAggregator, newCollaborator, newUser, NewUser, waitFor } from '@ksbb/testing';
import { startTestApi, TestApi } from '../../test/harness';
import { auth, commitmentBody, SIGNATURE } from '@ksbb/testing/api';
import { ReceivedMail, SmtpPeer, startSmtpPeer } from '@ksbb/testing/notifications';
import { startWorkerProcess, WorkerProcess } from '@ksbb/testing/processes';

/** The whole path on real PostgreSQL, Redis and SMTP: API write → outbox → worker → one email per recipient. */
describe('email notifications (real worker process and SMTP peer)', () => {
  let api: TestApi;
  let smtp: SmtpPeer;
  let worker: WorkerProcess;

  beforeAll(async () => {
    api = await startTestApi();
    smtp = await startSmtpPeer();
    worker = await startWorkerProcess(api.config, { SMTP_URL: smtp.url });
  });

  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await smtp?.close();
    await deleteRedisKeys(api.config.REDIS_PREFIX);
    await api?.close();
  });

  it('approving a commitment emails each member of the collaborator and of the routed aggregator once, in their language', async () => {
    const collaborator = await newCollaborator(api.ds);
    const memberId = await newUser(api.ds, 'collaborator', {
      collaboratorId: collaborator.id,
      language: 'id',
    });
    const memberEn = await newUser(api.ds, 'collaborator', {
      collaboratorId: collaborator.id,
      language: 'en',
    });
    const inactive = await newUser(api.ds, 'collaborator', { collaboratorId: collaborator.id });
    await api.ds.query(`UPDATE users SET active = false WHERE id = $1`, [inactive.id]);
    const aggregator = await newAggregator(api.ds, { programCodes: ['PANGAN'] });
    const aggregatorUser = await newUser(api.ds, 'aggregator', {
      aggregatorId: aggregator.id,
      language: 'en',
    });
    const bystander = await newUser(api.ds, 'collaborator');

    const member = await api.login(memberId.email);
    const created = await api.http
      .post('/api/v1/commitments')
      .set(auth(member.accessToken))
      .send(commitmentBody(collaborator.id, { deliveryMode: 'aggregator', aggregatorId: aggregator.id }));
    expect(created.status).toBe(201);
    const signed = await api.http
      .post(`/api/v1/commitments/${created.body.id}/sign`)
      .set(auth(member.accessToken))
      .send(SIGNATURE);
    expect(signed.status).toBe(200);
    const approved = await api.http
      .post(`/api/v1/commitments/${created.body.id}/approve`)
      .set(auth(await api.tokenFor('operator')));
    expect(approved.status).toBe(200);
    const number: string = approved.body.number;

    const expected = [memberId, memberEn, aggregatorUser];
    const approvals = await waitFor('the approval emails', async () => {
      const mails = smtp.received.filter((m) => m.event === 'commitment.approved');
      return mails.length >= expected.length ? mails : undefined;
    }).catch(async (e: Error) => {
      // What the worker said is the quickest way to see why nothing arrived.
      throw new Error(`${e.message}\n${worker.stderr()}\n${worker.warnings().slice(0, 5).join('\n')}`);
    });
    // A moment more: a duplicate would arrive now, not later.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const finalApprovals = smtp.received.filter((m) => m.event === 'commitment.approved');
    expect(finalApprovals.map((m) => m.to).sort()).toEqual(expected.map((u: NewUser) => u.email).sort());
    expect(new Set(finalApprovals.map((m) => m.deliveryId)).size).toBe(approvals.length);

    const mailTo = (u: NewUser): ReceivedMail => {
      const mail = finalApprovals.find((m) => m.to === u.email);
      if (!mail) throw new Error(`no approval email to ${u.email}`);
      return mail;
    };
    expect(mailTo(memberId).subject).toBe(`[KSBB] Komitmen ${number} disetujui`);
    expect(mailTo(memberId).content).toContain('telah disetujui Pokja');
    expect(mailTo(memberEn).subject).toBe(`[KSBB] Commitment ${number} approved`);
    expect(mailTo(memberEn).content).toContain('was approved by Pokja');
    expect(mailTo(aggregatorUser).subject).toBe(`[KSBB] Commitment ${number} approved`);
    // Plain text and HTML, with the delivery id as a stable Message-ID.
    expect(mailTo(memberEn).content).toMatch(/Content-Type: text\/plain/i);
    expect(mailTo(memberEn).content).toMatch(/Content-Type: text\/html/i);
    expect(mailTo(memberEn).messageId).toBe(`<${mailTo(memberEn).deliveryId}@ksbb.jakarta.go.id>`);

    const received = smtp.received.map((m) => m.to);
    expect(received).not.toContain(inactive.email);
    expect(received).not.toContain(bystander.email);
    // Staff heard about the submission, the members did not.
    const submitted = smtp.received.filter((m) => m.event === 'commitment.submitted').map((m) => m.to);
    expect(submitted).toContain('operator@demo.ksbb.id');
    expect(submitted).not.toContain(memberId.email);

    const rows: { status: string; n: number }[] = await api.ds.query(
      `SELECT status, count(*)::int AS n FROM notification_deliveries WHERE event_type = 'commitment.approved' GROUP BY status`,
    );
    expect(rows).toEqual([{ status: 'sent', n: 3 }]);

    // The same event also reached each recipient in the app, once.
    const inApp = await api.http.get('/api/v1/me/notifications?unread=true').set(auth(member.accessToken));
    expect(inApp.status).toBe(200);
    const approvalNotes = inApp.body.data.filter((n: { type: string }) => n.type === 'commitment.approved');
    expect(approvalNotes).toHaveLength(1);
    expect(approvalNotes[0].title).toBe(`Komitmen ${number} disetujui`);
  });
});
