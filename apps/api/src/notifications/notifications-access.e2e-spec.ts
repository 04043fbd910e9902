import { randomUUID } from 'node:crypto';
import { startTestApi, TestApi } from '../../test/harness';

type Caller = 'anonymous' | 'admin' | 'operator' | 'viewer' | 'collaborator' | 'aggregator' | 'apiKey';
const CALLERS: Caller[] = [
  'anonymous',
  'admin',
  'operator',
  'viewer',
  'collaborator',
  'aggregator',
  'apiKey',
];
const USERS: Caller[] = ['admin', 'operator', 'viewer', 'collaborator', 'aggregator'];
const STAFF: Caller[] = ['admin', 'operator'];
const WEBHOOK_OWNERS: Caller[] = ['admin', 'operator', 'aggregator', 'apiKey'];

/** A public address literal: accepted without any DNS lookup when private addresses are refused. */
const PUBLIC_URL = 'https://93.184.215.14/ksbb-hook';

interface Route {
  method: 'get' | 'post' | 'delete';
  path: string;
  /** The status each allowed caller gets; everyone else gets 403 (anonymous 401). */
  allowed: Partial<Record<Caller, number>>;
  body?: object;
}

const allow = (callers: Caller[], status: number): Partial<Record<Caller, number>> =>
  Object.fromEntries(callers.map((c) => [c, status]));

describe('notifications and webhooks: routes × roles, URL policy, in-app notifications', () => {
  let api: TestApi;
  const headers = new Map<Caller, Record<string, string>>();

  beforeAll(async () => {
    // WEBHOOK_ALLOW_PRIVATE is left at its default (false).
    api = await startTestApi();
    for (const role of ['admin', 'operator', 'viewer', 'collaborator', 'aggregator'] as const) {
      headers.set(role, { authorization: `Bearer ${await api.tokenFor(role)}` });
    }
    headers.set('anonymous', {});
    const [{ id: aggregator }] = await api.ds.query(
      `SELECT aggregator_id AS id FROM users WHERE email = 'aggregator@demo.ksbb.id'`,
    );
    const key = await api.http
      .post(`/api/v1/aggregators/${aggregator}/api-keys`)
      .set(headers.get('admin') as Record<string, string>)
      .send({ name: 'webhooks' });
    expect(key.status).toBe(201);
    headers.set('apiKey', { 'x-api-key': key.body.key });
  });
  afterAll(() => api.close());

  it('gives each caller exactly what its role allows', async () => {
    const missing = randomUUID();
    const table: Route[] = [
      { method: 'get', path: '/api/v1/me/notifications', allowed: { ...allow(USERS, 200), apiKey: 403 } },
      {
        method: 'post',
        path: '/api/v1/me/notifications/read-all',
        allowed: { ...allow(USERS, 200), apiKey: 403 },
      },
      {
        method: 'post',
        path: `/api/v1/me/notifications/${missing}/read`,
        allowed: { ...allow(USERS, 404), apiKey: 403 },
      },
      { method: 'get', path: '/api/v1/notifications?status=dead&channel=email', allowed: allow(STAFF, 200) },
      { method: 'post', path: `/api/v1/notifications/${missing}/retry`, allowed: allow(STAFF, 404) },
      {
        method: 'post',
        path: '/api/v1/webhooks',
        allowed: allow(WEBHOOK_OWNERS, 201),
        body: { url: PUBLIC_URL, events: ['commitment.approved'] },
      },
      { method: 'get', path: '/api/v1/webhooks', allowed: allow(WEBHOOK_OWNERS, 200) },
      { method: 'get', path: `/api/v1/webhooks/${missing}/deliveries`, allowed: allow(WEBHOOK_OWNERS, 404) },
      {
        method: 'post',
        path: `/api/v1/webhooks/${missing}/deliveries/${missing}/retry`,
        allowed: allow(WEBHOOK_OWNERS, 404),
      },
      { method: 'delete', path: `/api/v1/webhooks/${missing}`, allowed: allow(WEBHOOK_OWNERS, 404) },
    ];
    const failures: string[] = [];
    for (const route of table) {
      for (const caller of CALLERS) {
        let req = api.http[route.method](route.path).set(headers.get(caller) as Record<string, string>);
        if (route.body) req = req.send(route.body);
        const res = await req;
        const expected = caller === 'anonymous' ? 401 : (route.allowed[caller] ?? 403);
        if (res.status !== expected)
          failures.push(
            `${route.method.toUpperCase()} ${route.path} as ${caller}: ${res.status}, expected ${expected}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });

  it('keeps an aggregator API key webhook owned by its aggregator', async () => {
    const created = await api.http
      .post('/api/v1/webhooks')
      .set(headers.get('apiKey') as Record<string, string>)
      .send({ url: PUBLIC_URL, events: ['allocation.reserved'] });
    expect(created.status).toBe(201);
    const [row] = await api.ds.query(
      `SELECT w.aggregator_id = u.aggregator_id AS owned FROM webhooks w, users u
        WHERE w.id = $1 AND u.email = 'aggregator@demo.ksbb.id'`,
      [created.body.id],
    );
    expect(row.owned).toBe(true);
    const seenByUser = await api.http
      .get('/api/v1/webhooks?limit=100')
      .set(headers.get('aggregator') as Record<string, string>);
    expect(seenByUser.body.data.map((w: { id: string }) => w.id)).toContain(created.body.id);
  });

  it.each([
    ['loopback', 'http://127.0.0.1:8080/hook'],
    ['loopback by name', 'http://localhost:8080/hook'],
    ['private', 'https://10.1.2.3/hook'],
    ['private 192.168', 'https://192.168.1.10/hook'],
    ['link-local (cloud metadata)', 'http://169.254.169.254/latest/meta-data'],
    ['CGNAT', 'https://100.64.0.1/hook'],
    ['IPv6 loopback', 'https://[::1]/hook'],
    ['IPv4-mapped IPv6 loopback', 'https://[::ffff:127.0.0.1]/hook'],
    ['not http', 'ftp://93.184.215.14/hook'],
    ['credentials in the URL', 'https://user:pw@93.184.215.14/hook'],
    ['not a URL', 'webhook please'],
  ])('refuses a %s URL with 400', async (_, url) => {
    const res = await api.http
      .post('/api/v1/webhooks')
      .set(headers.get('operator') as Record<string, string>)
      .send({ url, events: ['commitment.approved'] });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'url' })]);
  });

  it('refuses unknown event names and unknown fields with 400', async () => {
    const post = (body: object) =>
      api.http
        .post('/api/v1/webhooks')
        .set(headers.get('operator') as Record<string, string>)
        .send(body);
    expect(
      (await post({ url: PUBLIC_URL, events: ['commitment.approved', 'commitment.exploded'] })).status,
    ).toBe(400);
    expect((await post({ url: PUBLIC_URL, events: [] })).status).toBe(400);
    expect((await post({ url: PUBLIC_URL, events: ['report.ready'], secret: 'mine' })).status).toBe(400);
    const [{ n }] = await api.ds.query(
      `SELECT count(*)::int AS n FROM webhooks WHERE 'commitment.exploded' = ANY (events)`,
    );
    expect(n).toBe(0);
  });

  it('shows users only their own in-app notifications and marks them read', async () => {
    const [viewer] = await api.ds.query(`SELECT id FROM users WHERE email = 'viewer@demo.ksbb.id'`);
    const [donor] = await api.ds.query(`SELECT id FROM users WHERE email = 'donor@demo.ksbb.id'`);
    const insert = (userId: string, title: string): Promise<{ id: string }[]> =>
      api.ds.query(
        `INSERT INTO notifications (user_id, event_id, type, title, body) VALUES ($1, gen_random_uuid(), 'commitment.approved', $2, '')
         RETURNING id`,
        [userId, title],
      );
    const [[first], [second], [others]] = [
      await insert(viewer.id, 'satu'),
      await insert(viewer.id, 'dua'),
      await insert(donor.id, 'milik orang lain'),
    ];
    const viewerHeaders = headers.get('viewer') as Record<string, string>;
    const list = await api.http.get('/api/v1/me/notifications').set(viewerHeaders);
    expect(list.status).toBe(200);
    expect(list.body.meta).toEqual({ total: 2, page: 1, limit: 20 });
    expect(list.body.data.map((n: { title: string }) => n.title).sort()).toEqual(['dua', 'satu']);

    expect(
      (await api.http.post(`/api/v1/me/notifications/${others.id}/read`).set(viewerHeaders)).status,
    ).toBe(404);
    const read = await api.http.post(`/api/v1/me/notifications/${first.id}/read`).set(viewerHeaders);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: first.id, title: 'satu', readAt: expect.any(String) });

    const unread = await api.http.get('/api/v1/me/notifications?unread=true').set(viewerHeaders);
    expect(unread.body.data.map((n: { id: string }) => n.id)).toEqual([second.id]);
    const readOnes = await api.http.get('/api/v1/me/notifications?unread=false').set(viewerHeaders);
    expect(readOnes.body.data.map((n: { id: string }) => n.id)).toEqual([first.id]);

    const all = await api.http.post('/api/v1/me/notifications/read-all').set(viewerHeaders);
    expect(all.body).toEqual({ updated: 1 });
    const [{ unreadLeft }] = await api.ds.query(
      `SELECT count(*) FILTER (WHERE read_at IS NULL)::int AS "unreadLeft" FROM notifications WHERE user_id IN ($1, $2)`,
      [viewer.id, donor.id],
    );
    expect(unreadLeft).toBe(1); // the donor's stays unread
    expect((await api.http.get('/api/v1/me/notifications?unread=maybe').set(viewerHeaders)).status).toBe(400);
  });

  it('retries a failed delivery by hand, and refuses (409) one already sent', async () => {
    const operator = headers.get('operator') as Record<string, string>;
    const insert = (status: string): Promise<{ id: string }[]> =>
      api.ds.query(
        `INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, status, attempts, last_error, sent_at)
         VALUES (gen_random_uuid(), 'commitment.approved', 'email', $1, $2::varchar, 2, 'HTTP 503', CASE WHEN $2::varchar = 'sent' THEN now() END)
         RETURNING id`,
        [`${status}-${randomUUID()}@example.org`, status],
      );
    const [[failed], [sent]] = [await insert('failed'), await insert('sent')];
    const listed = await api.http.get('/api/v1/notifications?status=failed').set(operator);
    expect(listed.body.data).toEqual([
      expect.objectContaining({
        id: failed.id,
        status: 'failed',
        attempts: 2,
        lastError: 'HTTP 503',
        channel: 'email',
      }),
    ]);
    expect(Object.keys(listed.body.data[0])).not.toEqual(expect.arrayContaining(['body']));

    const retried = await api.http.post(`/api/v1/notifications/${failed.id}/retry`).set(operator);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: failed.id, status: 'pending' });
    const conflict = await api.http.post(`/api/v1/notifications/${sent.id}/retry`).set(operator);
    expect(conflict.status).toBe(409);
    expect(conflict.body.detail).toMatch(/already sent/);
    expect((await api.http.get('/api/v1/notifications?status=bogus').set(operator)).status).toBe(400);
  });
});
