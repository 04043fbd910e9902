import { randomBytes } from 'node:crypto';
import { deleteRedisKeys, waitFor } from '@ksbb/testing';
import { auth, commitmentBody, SIGNATURE } from '@ksbb/testing/api';
import { ReceivedMail, SmtpPeer, startSmtpPeer } from '@ksbb/testing/notifications';
import { startWorkerProcess, WorkerProcess } from '@ksbb/testing/processes';
import { emailVerificationToken } from '@ksbb/core';
import { startTestApi, TestApi } from '../../test/harness';

const PASSWORD = 'Gotong-Royong-Bersama-2026';

/** Self sign-up → verification email (real worker and SMTP peer) → single-use, expiring link → signing allowed. */
describe('email verification of self sign-up', () => {
  let api: TestApi;
  let smtp: SmtpPeer;
  let worker: WorkerProcess;

  beforeAll(async () => {
    api = await startTestApi({ ADMIN_ORIGIN: 'http://admin.test:4200,http://other.test' });
    smtp = await startSmtpPeer();
    worker = await startWorkerProcess(api.config, { SMTP_URL: smtp.url, ADMIN_ORIGIN: 'http://admin.test:4200,http://other.test' });
  });

  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await smtp?.close();
    await deleteRedisKeys(api.config.REDIS_PREFIX);
    await api?.close();
  });

  const register = async (language: 'id' | 'en' = 'en') => {
    const email = `signup-${randomBytes(4).toString('hex')}@example.org`;
    const res = await api.http.post('/api/v1/auth/register').send({
      email,
      password: PASSWORD,
      name: 'Rina Wijaya',
      language,
      collaborator: { type: 'business', name: `PT Maju ${randomBytes(3).toString('hex')}`, taxNumber: '01.234.567.8-012.000', picName: 'Rina Wijaya' },
    });
    expect(res.status).toBe(201);
    return { email, userId: res.body.user.id as string, collaboratorId: res.body.collaboratorId as string };
  };

  const mailTo = (email: string): Promise<ReceivedMail> =>
    waitFor(`the verification email to ${email}`, async () =>
      smtp.received.find((m) => m.to === email && m.event === 'user.email_verification_requested'),
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n${worker.stderr()}\n${worker.warnings().slice(0, 5).join('\n')}`);
    });

  const tokenOf = (mail: ReceivedMail): string => {
    const m = /http:\/\/admin\.test:4200\/verify-email\?token=([0-9a-f-]{36}\.[0-9a-f]{64})/.exec(mail.content);
    if (!m) throw new Error(`no verification link in:\n${mail.content}`);
    return decodeURIComponent(m[1]);
  };

  /** Moves every open link of the user past its expiry (what EMAIL_VERIFICATION_TTL_HOURS would do). */
  const expireLinksOf = (userId: string): Promise<unknown> =>
    api.ds.query(`UPDATE email_verification_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [userId]);

  it('emails a single-use link to the admin app in the user\'s language; the outbox holds no usable link', async () => {
    const { email, userId } = await register('id');
    const me0 = await api.http.get('/api/v1/auth/me').set(auth((await api.login(email, PASSWORD)).accessToken));
    expect(me0.body).toMatchObject({ emailVerified: false, collaborator: { status: 'pending', statusReason: null } });

    const mail = await mailTo(email);
    expect(mail.subject).toContain('Konfirmasi alamat email Anda');
    const token = tokenOf(mail);
    const events: { payload: string }[] = await api.ds.query(
      `SELECT payload::text AS payload FROM outbox_events WHERE aggregate_id = $1::text AND type = 'user.email_verification_requested'`,
      [userId],
    );
    expect(events).toHaveLength(1);
    expect(events[0].payload).not.toContain(token.split('.')[1]);
    const [stored] = await api.ds.query(`SELECT token_hash FROM email_verification_tokens WHERE user_id = $1`, [userId]);
    expect(stored.token_hash).not.toBe(token);

    const ok = await api.http.post('/api/v1/auth/verify-email').send({ token });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ emailVerified: true });
    const me1 = await api.http.get('/api/v1/auth/me').set(auth((await api.login(email, PASSWORD)).accessToken));
    expect(me1.body.emailVerified).toBe(true);

    const again = await api.http.post('/api/v1/auth/verify-email').set('accept-language', 'id').send({ token });
    expect(again.status).toBe(400);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body.errors).toEqual([
      { field: 'token', code: 'verification_token_used', message: 'tautan verifikasi ini sudah pernah dipakai' },
    ]);
  });

  it('refuses an expired link and a made-up one, each with its code', async () => {
    const { userId } = await register();
    const [{ id }] = await api.ds.query(`SELECT id FROM email_verification_tokens WHERE user_id = $1`, [userId]);
    await expireLinksOf(userId);
    const expired = await api.http.post('/api/v1/auth/verify-email').send({ token: emailVerificationToken(api.config, id) });
    expect(expired.status).toBe(400);
    expect(expired.body.errors[0]).toMatchObject({ field: 'token', code: 'verification_token_expired' });
    const [user] = await api.ds.query(`SELECT email_verified_at FROM users WHERE id = $1`, [userId]);
    expect(user.email_verified_at).toBeNull();

    for (const token of [`${id}.${'0'.repeat(64)}`, 'nonsense']) {
      const bad = await api.http.post('/api/v1/auth/verify-email').send({ token });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0]).toMatchObject({ field: 'token', code: 'verification_token_invalid' });
    }
  });

  it('resends a link to a signed-in unverified user (earlier links stop working), at most once a minute', async () => {
    const { email, userId } = await register();
    const [{ id: first }] = await api.ds.query(`SELECT id FROM email_verification_tokens WHERE user_id = $1`, [userId]);
    const { accessToken } = await api.login(email, PASSWORD);
    expect((await api.http.post('/api/v1/auth/resend-verification').set(auth(accessToken))).status).toBe(429);
    await api.ds.query(`UPDATE email_verification_tokens SET created_at = now() - interval '2 minutes' WHERE user_id = $1`, [userId]);
    expect((await api.http.post('/api/v1/auth/resend-verification').set(auth(accessToken))).status).toBe(202);
    const old = await api.http.post('/api/v1/auth/verify-email').send({ token: emailVerificationToken(api.config, first) });
    expect(old.body.errors[0]).toMatchObject({ code: 'verification_token_expired' });
    const [{ id: second }] = await api.ds.query(
      `SELECT id FROM email_verification_tokens WHERE user_id = $1 AND id <> $2`,
      [userId, first],
    );
    expect((await api.http.post('/api/v1/auth/verify-email').send({ token: emailVerificationToken(api.config, second) })).status).toBe(200);
    const done = await api.http.post('/api/v1/auth/resend-verification').set(auth(accessToken));
    expect(done.status).toBe(409);
    expect(done.body.errors[0]).toMatchObject({ code: 'email_already_verified' });
  });

  it('refuses to let an unverified email sign a commitment (403 email_not_verified); verified email and organisation sign', async () => {
    const { email, collaboratorId } = await register();
    const verify = await api.http.post(`/api/v1/collaborators/${collaboratorId}/verify`).set(auth(await api.tokenFor('operator')));
    expect(verify.status).toBe(200);
    const { accessToken } = await api.login(email, PASSWORD);
    const created = await api.http.post('/api/v1/commitments').set(auth(accessToken)).send(commitmentBody(collaboratorId));
    expect(created.status).toBe(201);

    const refused = await api.http.post(`/api/v1/commitments/${created.body.id}/sign`).set(auth(accessToken)).send(SIGNATURE);
    expect(refused.status).toBe(403);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'email', code: 'email_not_verified' }),
    ]);
    const [draft] = await api.ds.query(`SELECT status FROM commitments WHERE id = $1`, [created.body.id]);
    expect(draft.status).toBe('draft');

    const ok = await api.http.post('/api/v1/auth/verify-email').send({ token: tokenOf(await mailTo(email)) });
    expect(ok.status).toBe(200);
    const signed = await api.http.post(`/api/v1/commitments/${created.body.id}/sign`).set(auth(accessToken)).send(SIGNATURE);
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('submitted');
  });

  it('counts accounts that staff create as verified', async () => {
    const admin = await api.tokenFor('admin');
    const email = `staff-made-${randomBytes(4).toString('hex')}@example.org`;
    const created = await api.http
      .post('/api/v1/users')
      .set(auth(admin))
      .send({ email, password: PASSWORD, name: 'Budi Santoso', role: 'viewer' });
    expect(created.status).toBe(201);
    const me = await api.http.get('/api/v1/auth/me').set(auth((await api.login(email, PASSWORD)).accessToken));
    expect(me.body.emailVerified).toBe(true);
    expect(await api.ds.query(`SELECT 1 FROM email_verification_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = $1`, [email])).toEqual([]);
  });
});
