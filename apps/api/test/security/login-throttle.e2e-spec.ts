import { newUser } from '@ksbb/testing';
import { startTestApi, TestApi } from '../harness';
import { isProblem } from './support';

/**
 * Login throttling that strangers cannot turn against the owner: guesses are refused per account and address and per
 * address, an account under attack is slowed but never closed to its owner, and X-Forwarded-For names the client only
 * when it comes from a proxy the operator configured.
 */

const LIMIT = 3;

describe('login throttling', () => {
  describe('behind a configured proxy (TRUST_PROXY=loopback)', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await startTestApi({
        LOGIN_LIMIT_PER_ACCOUNT: String(LIMIT),
        LOGIN_LIMIT_PER_IP: '100',
        LOGIN_SLOWDOWN_MAX_MS: '20',
        TRUST_PROXY: 'loopback',
      });
    });
    afterAll(() => api?.close());

    const attempt = (email: string, ip: string, password = 'bukan-sandinya') =>
      api.http.post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ email, password });

    it('lets the owner in from their own address while strangers guess from many addresses and are refused at theirs', async () => {
      const owner = await newUser(api.ds, 'operator');
      // A botnet: many addresses, a few guesses each; every address is refused once over its limit on this account.
      const statuses: number[] = [];
      for (let bot = 1; bot <= 4; bot++) {
        for (let i = 0; i <= LIMIT; i++)
          statuses.push((await attempt(owner.email, `198.51.100.${bot}`)).status);
      }
      const perBot = [...Array(LIMIT).fill(401), 429];
      expect(statuses).toEqual([...perBot, ...perBot, ...perBot, ...perBot]);
      // Refused at a throttled address even with the right password (which the guesser might have found), with Retry-After.
      const refused = await attempt(owner.email, '198.51.100.1', owner.password);
      expect(refused.status).toBe(429);
      expect(isProblem(refused)).toBe(true);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // The owner, from their own address, with the right password (case of the email aside): in.
      const mine = await attempt(owner.email.toUpperCase(), '203.0.113.7', owner.password);
      expect(mine.status).toBe(200);
      expect(mine.body.accessToken).toEqual(expect.any(String));
    });

    it("the owner's own typos do not pile up once they got in", async () => {
      const owner = await newUser(api.ds, 'viewer');
      const ip = '203.0.113.8';
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < LIMIT - 1; i++) expect((await attempt(owner.email, ip)).status).toBe(401);
        expect((await attempt(owner.email, ip, owner.password)).status).toBe(200);
      }
    });

    it('refuses one address trying many accounts with 429, Retry-After and problem+json; other addresses go on', async () => {
      const strict = await startTestApi({
        LOGIN_LIMIT_PER_IP: '4',
        LOGIN_LIMIT_PER_ACCOUNT: '100',
        TRUST_PROXY: 'loopback',
      });
      try {
        const user = await newUser(strict.ds, 'viewer');
        const at = (ip: string, email: string, password = 'bukan-sandinya') =>
          strict.http.post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ email, password });
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++)
          statuses.push((await at('192.0.2.77', `tebakan-${i}@example.org`)).status);
        const throttled = await at('192.0.2.77', user.email, user.password);
        expect([...statuses, throttled.status]).toEqual([401, 401, 401, 401, 429]);
        expect(isProblem(throttled)).toBe(true);
        expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
        expect((await at('192.0.2.78', user.email, user.password)).status).toBe(200);
      } finally {
        await strict.close();
      }
    });
  });

  describe('with the default configuration (no trusted proxy)', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await startTestApi({ LOGIN_LIMIT_PER_IP: '3', LOGIN_LIMIT_PER_ACCOUNT: '100' });
    });
    afterAll(() => api?.close());

    it('ignores X-Forwarded-For: a client cannot pick a fresh address for each guess', async () => {
      const statuses: number[] = [];
      let last = null as Awaited<ReturnType<typeof api.http.post>> | null;
      for (let i = 0; i < 4; i++) {
        last = await api.http
          .post('/api/v1/auth/login')
          .set('x-forwarded-for', `203.0.113.${100 + i}`)
          .send({ email: `tebakan-${i}@example.org`, password: 'bukan-sandinya' });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    });
  });
});
