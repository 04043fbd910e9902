import { createHmac, randomBytes } from 'node:crypto';
import { DEMO_ACCOUNTS, newUser } from '@ksbb/testing';
import { auth, demoAggregatorId, submittedHandover } from '@ksbb/testing/api';
import { startTestApi, TestApi } from '../harness';
import { isProblem, listFiles, PNG } from './support';

/** Hostile credentials, login brute force, hostile uploads and webhook URLs that point inside the network. */

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
function signJwt(
  header: object,
  claims: object,
  secret: string,
  alg: 'sha256' | 'sha512' = 'sha256',
): string {
  const body = `${b64(header)}.${b64(claims)}`;
  return `${body}.${createHmac(alg, secret).update(body).digest('base64url')}`;
}
const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

const ACCOUNT_LIMIT = 4;
const IP_LIMIT = 6;

describe('authentication attacks', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({
      LOGIN_LIMIT_PER_ACCOUNT: String(ACCOUNT_LIMIT),
      LOGIN_LIMIT_PER_IP: String(IP_LIMIT),
      // supertest connects over loopback: X-Forwarded-For names the attackers' addresses, as a proxy would.
      TRUST_PROXY: 'loopback',
      LOGIN_SLOWDOWN_MAX_MS: '20',
    });
  });
  afterAll(() => api?.close());

  /** Logins of the setup come from their own address, so that they do not count against the attacks' addresses. */
  const loginFrom = async (email: string, password: string, ip: string) => {
    const res = await api.http
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', ip)
      .send({ email, password });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
    return res.body as { accessToken: string; refreshToken: string };
  };

  describe('forged and misused credentials', () => {
    it('answers 401 problem+json to every forged, expired, misused or revoked credential, and 200 to the genuine ones', async () => {
      const admin = await loginFrom(DEMO_ACCOUNTS.admin, 'Kolaborasi2020!', '192.0.2.10');
      const viewer = await loginFrom(DEMO_ACCOUNTS.viewer, 'Kolaborasi2020!', '192.0.2.10');
      const adminClaims = claimsOf(admin.accessToken);
      const viewerClaims = claimsOf(viewer.accessToken);
      const [header, , signature] = viewer.accessToken.split('.');
      const { JWT_ACCESS_SECRET, JWT_REFRESH_SECRET } = api.config;
      const hs256 = { alg: 'HS256', typ: 'JWT' };
      const now = Math.floor(Date.now() / 1000);

      const aggregator = await demoAggregatorId(api.ds);
      const issued = await api.http
        .post(`/api/v1/aggregators/${aggregator}/api-keys`)
        .set(auth(admin.accessToken))
        .send({ name: 'revoked' });
      expect(issued.status).toBe(201);
      expect(
        (await api.http.delete(`/api/v1/api-keys/${issued.body.id}`).set(auth(admin.accessToken))).status,
      ).toBe(204);
      const key = String(issued.body.key);

      const bearer: [string, string][] = [
        ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(adminClaims)}.`],
        ['alg none, upper case', `${b64({ alg: 'NONE', typ: 'JWT' })}.${b64(adminClaims)}.`],
        ['wrong key', signJwt(hs256, adminClaims, randomBytes(32).toString('hex'))],
        ['the refresh secret', signJwt(hs256, adminClaims, JWT_REFRESH_SECRET)],
        [
          'HS512 with the right secret',
          signJwt({ alg: 'HS512', typ: 'JWT' }, adminClaims, JWT_ACCESS_SECRET, 'sha512'),
        ],
        ['expired', signJwt(hs256, { ...adminClaims, iat: now - 3600, exp: now - 60 }, JWT_ACCESS_SECRET)],
        [
          'role escalated, signature kept',
          `${header}.${b64({ ...viewerClaims, role: 'admin' })}.${signature}`,
        ],
        ['not an access token', signJwt(hs256, { ...adminClaims, typ: 'refresh' }, JWT_ACCESS_SECRET)],
        ['a refresh token', admin.refreshToken],
        ['garbage', 'garbage'],
        ['empty signature', `${header}.${b64(adminClaims)}.`],
      ];
      const failures: string[] = [];
      for (const [what, token] of bearer) {
        const res = await api.http.get('/api/v1/users').set('authorization', `Bearer ${token}`);
        if (res.status !== 401 || !isProblem(res)) failures.push(`${what}: ${res.status}`);
      }
      const keys: [string, string][] = [
        ['a revoked API key', key],
        ['a revoked API key with another secret', `${key.slice(0, -6)}AAAAAA`],
        ['an unknown API key', `ksbb_${randomBytes(24).toString('base64url')}`],
      ];
      for (const [what, value] of keys) {
        const res = await api.http.get('/api/v1/needs').set('x-api-key', value);
        if (res.status !== 401 || !isProblem(res)) failures.push(`${what}: ${res.status}`);
      }
      const scheme = await api.http
        .get('/api/v1/users')
        .set('authorization', `Basic ${Buffer.from('admin:x').toString('base64')}`);
      if (scheme.status !== 401) failures.push(`Basic auth: ${scheme.status}`);
      expect(failures).toEqual([]);

      // The genuine credentials work, so the 401s above are the forgeries' doing.
      expect((await api.http.get('/api/v1/users').set(auth(admin.accessToken))).status).toBe(200);
      expect((await api.http.get('/api/v1/users').set(auth(viewer.accessToken))).status).toBe(403);
      const live = await api.http
        .post(`/api/v1/aggregators/${aggregator}/api-keys`)
        .set(auth(admin.accessToken))
        .send({ name: 'live' });
      expect((await api.http.get('/api/v1/needs').set('x-api-key', live.body.key)).status).toBe(200);
    });
  });

  describe('login brute force', () => {
    const attempt = (email: string, ip: string, password = 'bukan-sandinya') =>
      api.http.post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ email, password });

    it('throttles guesses at one account from one address with 429 and Retry-After, even with the right password; the owner elsewhere gets in', async () => {
      const user = await newUser(api.ds, 'viewer');
      const statuses: number[] = [];
      for (let i = 0; i < ACCOUNT_LIMIT; i++) statuses.push((await attempt(user.email, '198.51.100.1')).status);
      const throttled = await attempt(user.email, '198.51.100.1', user.password);
      expect([...statuses, throttled.status]).toEqual([...Array(ACCOUNT_LIMIT).fill(401), 429]);
      expect(isProblem(throttled)).toBe(true);
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      // Case changes do not make it another account.
      expect((await attempt(user.email.toUpperCase(), '198.51.100.1', user.password)).status).toBe(429);
      // Guesses spread over other addresses are slowed, not refused, and never lock the owner out.
      for (let i = 0; i < ACCOUNT_LIMIT; i++) expect((await attempt(user.email, `198.51.100.${i + 10}`)).status).toBe(401);
      expect((await attempt(user.email, '198.51.100.99', user.password)).status).toBe(200);
    });

    it('throttles one address trying many accounts with 429 and Retry-After; other addresses go on', async () => {
      const ip = '203.0.113.50';
      const statuses: number[] = [];
      for (let i = 0; i < IP_LIMIT; i++)
        statuses.push((await attempt(`tebakan-${i}@example.org`, ip)).status);
      const throttled = await attempt(DEMO_ACCOUNTS.viewer, ip, 'Kolaborasi2020!');
      expect([...statuses, throttled.status]).toEqual([...Array(IP_LIMIT).fill(401), 429]);
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      expect((await attempt(DEMO_ACCOUNTS.viewer, '203.0.113.51', 'Kolaborasi2020!')).status).toBe(200);
    });

    it('does not let a client pick its own address with X-Forwarded-For when no proxy is trusted', async () => {
      const direct = await startTestApi({
        LOGIN_LIMIT_PER_IP: '3',
        LOGIN_LIMIT_PER_ACCOUNT: '1000',
        TRUST_PROXY: 'false',
      });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++) {
          const res = await direct.http
            .post('/api/v1/auth/login')
            .set('x-forwarded-for', `203.0.113.${100 + i}`)
            .send({ email: `tebakan-${i}@example.org`, password: 'bukan-sandinya' });
          statuses.push(res.status);
        }
        expect(statuses).toEqual([401, 401, 401, 429]);
      } finally {
        await direct.close();
      }
    });
  });

  describe('uploads', () => {
    const EXE = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(126, 0),
      Buffer.from('PE\0\0This program cannot be run in DOS mode'),
    ]);
    const HTML = Buffer.from(
      '<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>',
    );
    const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const POLYGLOT = Buffer.concat([Buffer.from('GIF89a'), HTML]);

    it('refuses files over 10 MB with 413 and disguised types with 415, storing nothing', async () => {
      const h = await submittedHandover(api, { quantity: 1 });
      const donor = auth(await api.tokenFor('collaborator'));
      const storage = api.config.STORAGE_DIR;
      const stored = async () => ({
        rows: (await api.ds.query(`SELECT count(*)::int AS n FROM handover_attachments`))[0].n as number,
        files: listFiles(storage),
      });
      const before = await stored();
      const upload = (content: Buffer, filename: string, contentType: string) =>
        api.http
          .post(`/api/v1/handovers/${h.id}/attachments`)
          .set(donor)
          .attach('file', content, { filename, contentType })
          .then(
            (r) => r,
            // The server may answer before it has read the whole body; supertest then reports the response as an error.
            (e: { response?: { status: number; headers: Record<string, string> } }) => {
              if (!e.response) throw e;
              return e.response;
            },
          );

      const failures: string[] = [];
      const expectStatus = async (
        what: string,
        status: number,
        content: Buffer,
        filename: string,
        type: string,
      ) => {
        const res = await upload(content, filename, type);
        if (res.status !== status || !isProblem(res)) failures.push(`${what}: ${res.status}`);
      };
      await expectStatus('an .exe named foto.png', 415, EXE, 'foto.png', 'image/png');
      await expectStatus('HTML as image/png', 415, HTML, 'foto.png', 'image/png');
      await expectStatus('SVG with a script as image/png', 415, SVG, 'foto.png', 'image/png');
      await expectStatus('a GIF/HTML polyglot', 415, POLYGLOT, 'foto.gif', 'image/gif');
      await expectStatus('an empty file', 415, Buffer.alloc(0), 'foto.jpg', 'image/jpeg');
      await expectStatus(
        '10 MB + 1 byte',
        413,
        Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024 + 1 - PNG.length)]),
        'besar.png',
        'image/png',
      );
      const notMultipart = await api.http
        .post(`/api/v1/handovers/${h.id}/attachments`)
        .set(donor)
        .set('content-type', 'image/png')
        .send(PNG);
      if (notMultipart.status !== 415) failures.push(`a raw image/png body: ${notMultipart.status}`);
      expect(failures).toEqual([]);
      expect(await stored()).toEqual(before);

      // …and a real photo of exactly 10 MB is taken, so the refusals are about size and content.
      const exact = await upload(
        Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024 - PNG.length)]),
        'pas.png',
        'image/png',
      );
      expect(exact.status).toBe(201);
      expect((await stored()).rows).toBe(before.rows + 1);
    });

    it('refuses a needs import that is not CSV with 415 and imports nothing', async () => {
      const operator = auth(await api.tokenFor('operator'));
      const [{ n: before }] = await api.ds.query(`SELECT count(*)::int AS n FROM needs`);
      const res = await api.http
        .post('/api/v1/needs/import')
        .set(operator)
        .set('content-type', 'application/xml')
        .send('<needs/>');
      expect(res.status).toBe(415);
      expect(isProblem(res)).toBe(true);
      const [{ n: after }] = await api.ds.query(`SELECT count(*)::int AS n FROM needs`);
      expect(after).toBe(before);
    });
  });

  describe('webhook URLs', () => {
    const PRIVATE = [
      'http://127.0.0.1/hook',
      'http://127.0.0.1:6379/',
      'http://localhost/hook',
      'http://LOCALHOST./hook',
      'http://10.0.0.1/hook',
      'http://172.16.0.1/hook',
      'http://192.168.0.1/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/hook',
      'http://[::1]/hook',
      'http://[::]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[::ffff:7f00:1]/hook',
      'http://[fd00::1]/hook',
      'http://[fe80::1]/hook',
      'http://0.0.0.0/hook',
      'http://0/hook',
      'http://2130706433/hook',
      'http://0x7f000001/hook',
      'http://0x7f.0.0.1/hook',
      'http://0177.0.0.1/hook',
      'http://127.1/hook',
      'http://017700000001/hook',
      'http://224.0.0.1/hook',
      'http://255.255.255.255/hook',
      'ftp://93.184.215.14/hook',
      'file:///etc/passwd',
      'gopher://93.184.215.14:70/',
      'javascript:alert(1)',
      'data:text/plain,hello',
      'https://user:secret@93.184.215.14/hook',
    ];

    it('refuses every URL to a private, loopback, link-local or special address, and every non-http scheme, with 400', async () => {
      const operator = auth(await api.tokenFor('operator'));
      const [{ n: before }] = await api.ds.query(`SELECT count(*)::int AS n FROM webhooks`);
      const failures: string[] = [];
      for (const url of PRIVATE) {
        const res = await api.http
          .post('/api/v1/webhooks')
          .set(operator)
          .send({ url, events: ['handover.verified'] });
        const named = (res.body.errors ?? []).some((e: { field: string }) => e.field === 'url');
        if (res.status !== 400 || !isProblem(res) || !named)
          failures.push(`${url}: ${res.status} ${JSON.stringify(res.body.errors)}`);
      }
      expect(failures).toEqual([]);
      const [{ n: after }] = await api.ds.query(`SELECT count(*)::int AS n FROM webhooks`);
      expect(after).toBe(before);
      // A public address is taken: the policy refuses addresses, not webhooks.
      const ok = await api.http
        .post('/api/v1/webhooks')
        .set(operator)
        .send({ url: 'https://93.184.215.14/hook', events: ['handover.verified'] });
      expect(ok.status).toBe(201);
    });
  });
});
