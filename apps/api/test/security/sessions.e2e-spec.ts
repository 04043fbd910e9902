import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type Redis from 'ioredis';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { REDIS } from '@ksbb/core';
import { newUser, NewUser, waitFor } from '@ksbb/testing';
import { auth } from '@ksbb/testing/api';
import { createApp } from '../../src/app.factory';
import { startTestApi, TestApi } from '../harness';
import { isProblem } from './support';

/**
 * A session ends when the account changes: a role change, a deactivation, a password change and a sign-out refuse the
 * account's access tokens at once, on this replica and, within a second, on every other one (a second app on the same
 * database and Redis, with its own cache).
 */

/** The bound on how long another replica may keep honouring an ended session. */
const REPLICA_DELAY_MS = 1000;

describe('sessions end when the account changes', () => {
  let api: TestApi;
  let replica: NestFastifyApplication;
  let other: TestAgent;
  let admin: Record<string, string>;

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_LIMIT_PER_ACCOUNT: '1000', LOGIN_LIMIT_PER_IP: '1000' });
    replica = await createApp(api.config, { logger: false });
    other = request(replica.getHttpServer());
    admin = auth(await api.tokenFor('admin'));
    // Both replicas check a token once, which subscribes them to the invalidations; from then on they cache.
    for (const http of [api.http, other])
      expect((await http.get('/api/v1/auth/me').set(admin)).status).toBe(200);
    const redis = api.app.get<Redis>(REDIS);
    await waitFor('both replicas to listen for ended sessions', async () => {
      const [, listeners] = (await redis.pubsub('NUMSUB', `${api.config.REDIS_PREFIX}:sessions`)) as [
        string,
        number,
      ];
      return Number(listeners) >= 2;
    });
  });
  afterAll(async () => {
    await replica?.close();
    await api?.close();
  });

  /** A fresh account of the role, signed in; its token works on both replicas (so both have cached the account). */
  async function signedIn(
    role: 'admin' | 'operator' | 'viewer',
  ): Promise<{ user: NewUser; tokens: { accessToken: string; refreshToken: string } }> {
    const user = await newUser(api.ds, role);
    const tokens = await api.login(user.email, user.password);
    for (const http of [api.http, other]) {
      expect((await http.get('/api/v1/auth/me').set(auth(tokens.accessToken))).status).toBe(200);
    }
    return { user, tokens };
  }

  const patchUser = async (id: string, body: object): Promise<void> => {
    const res = await api.http.patch(`/api/v1/users/${id}`).set(admin).send(body);
    expect(res.status).toBe(200);
  };

  /** The token is refused with 401 problem+json here at once, and on the other replica within the bound. */
  async function expectEnded(accessToken: string): Promise<void> {
    const here = await api.http.get('/api/v1/auth/me').set(auth(accessToken));
    expect(here.status).toBe(401);
    expect(isProblem(here)).toBe(true);
    expect(here.body.detail).toMatch(/session has ended/);
    const there = await waitFor(
      'the other replica to refuse the ended session',
      async () => {
        const res = await other.get('/api/v1/auth/me').set(auth(accessToken));
        return res.status === 401 ? res : null;
      },
      { timeoutMs: REPLICA_DELAY_MS, intervalMs: 20 },
    );
    expect(isProblem(there)).toBe(true);
  }

  it('a demoted admin is powerless at once: cannot create an admin account on any replica', async () => {
    const { tokens } = await signedIn('admin');
    const me = (await api.http.get('/api/v1/auth/me').set(auth(tokens.accessToken))).body;
    await patchUser(me.user.id, { role: 'viewer' });
    await expectEnded(tokens.accessToken);
    for (const http of [api.http, other]) {
      const res = await http
        .post('/api/v1/users')
        .set(auth(tokens.accessToken))
        .send({
          email: `escalated-${Date.now()}@example.org`,
          password: 'Kolaborasi2020!',
          name: 'Escalated',
          role: 'admin',
        });
      expect(res.status).toBe(401);
    }
    const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE 'escalated-%'`);
    expect(n).toBe(0);
  });

  it('a deactivated account is refused at once, and its refresh token too', async () => {
    const { user, tokens } = await signedIn('operator');
    await patchUser(user.id, { active: false });
    await expectEnded(tokens.accessToken);
    expect(
      (await api.http.post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken })).status,
    ).toBe(401);
  });

  it('a password change ends the sessions; the new password signs in again', async () => {
    const { user, tokens } = await signedIn('viewer');
    await patchUser(user.id, { password: 'Sandi-Baru-2026!' });
    await expectEnded(tokens.accessToken);
    const again = await api.login(user.email, 'Sandi-Baru-2026!');
    for (const http of [api.http, other]) {
      expect((await http.get('/api/v1/auth/me').set(auth(again.accessToken))).status).toBe(200);
    }
  });

  it('a logout ends the access token at once on every replica, not only the refresh token', async () => {
    const { tokens } = await signedIn('operator');
    const out = await other
      .post('/api/v1/auth/logout')
      .set(auth(tokens.accessToken))
      .send({ refreshToken: tokens.refreshToken });
    expect(out.status).toBe(204);
    const here = await other.get('/api/v1/auth/me').set(auth(tokens.accessToken));
    expect(here.status).toBe(401);
    const there = await waitFor(
      'the first replica to refuse the signed-out session',
      async () => {
        const res = await api.http.get('/api/v1/auth/me').set(auth(tokens.accessToken));
        return res.status === 401 ? res : null;
      },
      { timeoutMs: REPLICA_DELAY_MS, intervalMs: 20 },
    );
    expect(isProblem(there)).toBe(true);
    expect(
      (await api.http.post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken })).status,
    ).toBe(401);
  });

  it('a change that does not touch the session (a new name) keeps it', async () => {
    const { user, tokens } = await signedIn('viewer');
    await patchUser(user.id, { name: 'Nama Baru' });
    for (const http of [api.http, other]) {
      expect((await http.get('/api/v1/auth/me').set(auth(tokens.accessToken))).status).toBe(200);
    }
  });
});
