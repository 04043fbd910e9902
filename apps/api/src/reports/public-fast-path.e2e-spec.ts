import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { PublicSnapshots, RollupFolder } from '@ksbb/core';
import { startTestApi, TestApi } from '../../test/harness';
import { createNeed } from '@ksbb/testing/api';
import { ApiMetrics } from '../platform/metrics';

interface Raw {
  status: number;
  /** the header lines as sent, in order: [name, value] */
  headers: [string, string][];
  body: Buffer;
}

/** One request over node:http: the status, the header lines in their order and case, the body as sent. */
function raw(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode as number,
          headers: res.rawHeaders.flatMap((v, i, all): [string, string][] => (i % 2 ? [[all[i - 1], v]] : [])),
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const header = (r: Raw, name: string): string | undefined => r.headers.find(([n]) => n.toLowerCase() === name)?.[1];

/**
 * The answer with the values that differ between any two responses blanked: the date (the second may turn), the
 * remaining rate limit (one less each time); the request id is sent by the tests, so it is compared.
 */
function comparable(r: Raw): { status: number; headers: [string, string][]; body: string } {
  return {
    status: r.status,
    headers: r.headers.map(([n, v]): [string, string] => [
      n,
      n === 'Date' ? 'date' : n === 'x-ratelimit-remaining' ? 'n' : v,
    ]),
    body: r.body.toString('base64'),
  };
}

/** What the fast path counted for a route: hit, not_modified, fallthrough. */
async function counted(api: TestApi, route: string): Promise<Record<string, number>> {
  const metric = await api.app.get(ApiMetrics).registry.getSingleMetric('ksbb_public_fast_path_total')?.get();
  const out: Record<string, number> = { hit: 0, not_modified: 0, fallthrough: 0 };
  for (const v of metric?.values ?? []) if (v.labels.route === `/api/v1/public/${route}`) out[String(v.labels.outcome)] = v.value;
  return out;
}

const CODINGS = ['identity', 'gzip', 'gzip, deflate, br'];
const PATHS: [route: string, path: string][] = [
  ['stats', 'stats'],
  ['needs/map', 'needs/map'],
  ['needs/map', 'needs/map?level=village&program=PANGAN'],
  ['needs/map', 'needs/map?program=PANGAN&region=31.71&level=rw'],
  ['needs', 'needs?limit=5'],
  ['needs', 'needs?program=PANGAN&page=1&limit=20&region=31.71'],
  ['scorecard', 'scorecard?program=PANGAN'],
];

describe('public snapshots answered from memory ahead of the pipeline', () => {
  let api: TestApi;
  let base: string;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const logs = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    api = await startTestApi({ LOG_LEVEL: 'info' }, { logDestination: logs });
    // Published needs in a few villages and RWs, so that the map's and the lists' bodies are large enough to compress.
    const operator = { authorization: `Bearer ${await api.tokenFor('operator')}` };
    for (const regionCode of ['31.71.01.1001.RW01.RT001', '31.71.01.1002.RW02.RT001', '31.71.02.1001.RW01.RT002']) {
      const need = await createNeed(api, { regionCode, quantity: 40, beneficiaryCount: 40 });
      expect((await api.http.post(`/api/v1/needs/${need.id}/publish`).set(operator).send()).status).toBe(200);
    }
    await api.app.get(RollupFolder).fold({ wait: true });
    base = await api.listen();
  });

  let closed = false;
  afterAll(async () => {
    if (api && !closed) await api.close();
  });

  it('answers a held body with the same bytes and headers as the route that computed it', async () => {
    for (const [route, path] of PATHS) {
      for (const coding of CODINGS) {
        const headers = { 'accept-encoding': coding, 'x-request-id': 'fast-path-test-0001' };
        api.app.get(PublicSnapshots).clear();
        const before = await counted(api, route);
        const cold = await raw(base, `/api/v1/public/${path}`, headers);
        const afterCold = await counted(api, route);
        const warm = await raw(base, `/api/v1/public/${path}`, headers);
        const afterWarm = await counted(api, route);
        // the first went through the route (a miss), the second was answered from memory
        expect({ path, coding, cold: afterCold.fallthrough - before.fallthrough, warm: afterWarm.hit - afterCold.hit }).toEqual({
          path,
          coding,
          cold: 1,
          warm: 1,
        });
        expect({ path, coding, status: cold.status }).toEqual({ path, coding, status: 200 });
        expect({ path, coding, ...comparable(warm) }).toEqual({ path, coding, ...comparable(cold) });
        expect(Number(header(warm, 'x-ratelimit-remaining'))).toBe(Number(header(cold, 'x-ratelimit-remaining')) - 1);
        if (coding !== 'identity' && cold.body.length >= 200) {
          expect({ path, coding, encoding: header(warm, 'content-encoding') }).toEqual({
            path,
            coding,
            encoding: coding === 'gzip' ? 'gzip' : 'br',
          });
        }
      }
    }
    // The map in village detail is compressed (the comparison above covered the compressed forms, not only identity).
    const village = await raw(base, '/api/v1/public/needs/map?level=village&program=PANGAN', { 'accept-encoding': 'br' });
    expect(header(village, 'content-encoding')).toBe('br');
    expect(header(village, 'content-type')).toBe('application/geo+json; charset=utf-8');
  });

  it('answers 304 on a matching If-None-Match, as the route does', async () => {
    const path = '/api/v1/public/needs/map?level=village';
    for (const coding of ['identity', 'br']) {
      const first = await raw(base, path, { 'accept-encoding': coding });
      const etag = header(first, 'etag') as string;
      const headers = { 'accept-encoding': coding, 'if-none-match': `W/"other", ${etag}`, 'x-request-id': 'fast-path-test-0304' };
      // The map's body is the same when computed again (no timestamp in it): the route's own 304 for the same ETag.
      api.app.get(PublicSnapshots).clear();
      const before = await counted(api, 'needs/map');
      const routes = await raw(base, path, headers);
      const fast = await raw(base, path, headers);
      const after = await counted(api, 'needs/map');
      expect(routes.status).toBe(304);
      expect(comparable(fast)).toEqual(comparable(routes));
      expect(fast.body.length).toBe(0);
      expect(after.not_modified - before.not_modified).toBe(1);
      // a validator that does not match: the body
      const other = await raw(base, path, { 'accept-encoding': coding, 'if-none-match': '"stale"' });
      expect(other.status).toBe(200);
      expect(header(other, 'etag')).toBe(etag);
    }
  });

  it('leaves anything unusual to the route: its 400 problem for a bad query, its answer otherwise', async () => {
    await raw(base, '/api/v1/public/needs/map?level=village');
    await raw(base, '/api/v1/public/needs?limit=5');
    const before = { map: await counted(api, 'needs/map'), needs: await counted(api, 'needs') };
    const problems = [
      'needs/map?level=village&extra=1',
      'needs/map?level=rt',
      'needs/map?level=village&level=village',
      'needs/map?level=village&program=nope',
      'needs/map?level=village&program=',
      'needs/map?level=village&region=32',
      'needs?limit=5&page=0',
      'needs?limit=500',
      'needs?limit=5&sort=%00',
    ];
    for (const path of problems) {
      const res = await raw(base, `/api/v1/public/${path}`, { 'accept-language': 'en' });
      expect({ path, status: res.status, type: header(res, 'content-type') }).toEqual({
        path,
        status: 400,
        type: 'application/problem+json; charset=utf-8',
      });
      expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ status: 400 });
    }
    // Accepted by the route, written differently from its held key, or with credentials/Origin/HEAD: the route answers.
    const routed: [string, Record<string, string>, string?][] = [
      ['needs/map?level=%76illage', {}],
      ['needs?limit=05', {}],
      ['needs/map?level=village', { authorization: 'Bearer not-a-token' }],
      ['needs/map?level=village', { origin: 'https://elsewhere.example' }],
      ['needs/map?level=village', {}, 'HEAD'],
    ];
    for (const [path, headers, method] of routed) {
      const res = await raw(base, `/api/v1/public/${path}`, headers, method);
      expect({ path, headers, status: res.status }).toEqual({ path, headers, status: 200 });
    }
    const after = { map: await counted(api, 'needs/map'), needs: await counted(api, 'needs') };
    expect(after.map.hit).toBe(before.map.hit);
    expect(after.needs.hit).toBe(before.needs.hit);
    // every one of them reached the route (counted as fall-through), none was answered from memory
    expect(after.map.fallthrough + after.needs.fallthrough - before.map.fallthrough - before.needs.fallthrough).toBe(
      problems.length + routed.length,
    );
  });

  it('serves the new body once the rollups change (invalidation as before)', async () => {
    const path = '/api/v1/public/needs/map?level=village';
    const held = await raw(base, path);
    const again = await raw(base, path);
    expect(again.body.equals(held.body)).toBe(true);
    const need = await createNeed(api, { regionCode: '31.72.01.1001.RW03.RT001', quantity: 7, beneficiaryCount: 7 });
    const operator = { authorization: `Bearer ${await api.tokenFor('operator')}` };
    expect((await api.http.post(`/api/v1/needs/${need.id}/publish`).set(operator).send()).status).toBe(200);
    await api.app.get(RollupFolder).fold({ wait: true });
    const before = await counted(api, 'needs/map');
    const changed = await raw(base, path);
    const after = await counted(api, 'needs/map');
    expect(after.fallthrough - before.fallthrough).toBe(1);
    expect(header(changed, 'etag')).not.toBe(header(held, 'etag'));
    expect(changed.body.toString('utf8')).toContain('31.72.01.1001');
    const heldAgain = await raw(base, path);
    expect(heldAgain.body.equals(changed.body)).toBe(true);
    expect((await counted(api, 'needs/map')).hit - after.hit).toBe(1);
  });

  it('counts its answers in the request metrics and writes one access summary per route instead of a line each', async () => {
    const metrics = await api.app.get(ApiMetrics).registry.getSingleMetricAsString('ksbb_http_request_duration_seconds');
    expect(metrics).toMatch(/ksbb_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/public\/needs\/map",status="200"\} \d+/);
    expect(metrics).toMatch(/ksbb_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/public\/needs\/map",status="304"\} \d+/);
    const { hit, not_modified: notModified, fallthrough } = await counted(api, 'needs/map');
    expect(hit).toBeGreaterThan(0);
    const accessLines = lines.filter(
      (l) => l.responseTime !== undefined && (l.req as { path?: string } | undefined)?.path === '/api/v1/public/needs/map',
    );
    // the route's requests are logged one by one, as before; the answers from memory are not
    expect(accessLines.length).toBe(fallthrough);
    // the summary is written once a minute, and when the app closes
    await api.close();
    closed = true;
    const summaries = lines.filter((l) => l.msg === 'public snapshots answered from memory' && l.route === '/api/v1/public/needs/map');
    expect(summaries.reduce((n, l) => n + Number(l.status200) + Number(l.status304), 0)).toBe(hit + notModified);
    for (const l of summaries) expect(JSON.stringify(l)).not.toMatch(/127\.0\.0\.1|remoteAddress/);
  });
});

describe('public snapshots from memory: the rate limit', () => {
  const LIMIT = 20;
  let api: TestApi;
  let base: string;

  beforeAll(async () => {
    // A lease of one token (1 % of 20): every request asks Redis, the fast path's asynchronous branch.
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'loopback' });
    base = await api.listen();
  });

  afterAll(() => api?.close());

  it('spends the caller’s bucket like any request, refuses with the 429 problem, and keys it by the forwarded address', async () => {
    // The window is a calendar minute: don't straddle its boundary.
    const seconds = new Date().getSeconds();
    if (seconds > 40) await new Promise((r) => setTimeout(r, (61 - seconds) * 1000));
    const path = '/api/v1/public/needs/map?level=district';
    const from = (ip: string) => ({ 'x-forwarded-for': ip, 'accept-language': 'en' });
    // held by a request from another address
    expect((await raw(base, path, from('198.51.100.9'))).status).toBe(200);
    const before = await counted(api, 'needs/map');
    const statuses: number[] = [];
    const remaining: number[] = [];
    for (let i = 0; i < LIMIT + 5; i++) {
      const res = await raw(base, path, from('203.0.113.7'));
      statuses.push(res.status);
      if (res.status === 200) remaining.push(Number(header(res, 'x-ratelimit-remaining')));
      else {
        expect(header(res, 'content-type')).toBe('application/problem+json; charset=utf-8');
        expect(Number(header(res, 'retry-after'))).toBeGreaterThan(0);
        expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ status: 429, code: 'rate_limited' });
      }
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(200), ...Array(5).fill(429)]);
    expect(remaining).toEqual(Array.from({ length: LIMIT }, (_, i) => LIMIT - 1 - i));
    const after = await counted(api, 'needs/map');
    expect(after.hit - before.hit).toBe(LIMIT);
    // One bucket with the rest of the API: the address is refused on the normal routes too …
    expect((await raw(base, '/api/v1/programs', from('203.0.113.7'))).status).toBe(429);
    // … and another address behind the same proxy is not.
    expect((await raw(base, path, from('192.0.2.44'))).status).toBe(200);
    expect((await counted(api, 'needs/map')).hit - after.hit).toBe(1);
  });
});

describe('public snapshots with the fast path off', () => {
  let fast: TestApi;
  let slow: TestApi;

  beforeAll(async () => {
    fast = await startTestApi();
    const operator = { authorization: `Bearer ${await fast.tokenFor('operator')}` };
    const need = await createNeed(fast, { regionCode: '31.71.01.1001.RW01.RT001', quantity: 30, beneficiaryCount: 30 });
    expect((await fast.http.post(`/api/v1/needs/${need.id}/publish`).set(operator).send()).status).toBe(200);
    await fast.app.get(RollupFolder).fold({ wait: true });
    // the same database, the fast path turned off by configuration
    slow = await startTestApi({ DATABASE_URL: fast.config.DATABASE_URL, PUBLIC_FAST_PATH: 'false' });
  });

  afterAll(async () => {
    await slow?.close();
    await fast?.close();
  });

  it('answers the same bytes and headers through the route alone', async () => {
    const [fastBase, slowBase] = [await fast.listen(), await slow.listen()];
    for (const [route, path] of [
      ['needs/map', 'needs/map?level=village'],
      ['needs', 'needs?limit=5'],
    ]) {
      for (const coding of CODINGS) {
        const headers = { 'accept-encoding': coding, 'x-request-id': 'fast-path-off-0001' };
        await raw(fastBase, `/api/v1/public/${path}`, headers);
        const before = await counted(fast, route);
        const fromMemory = await raw(fastBase, `/api/v1/public/${path}`, headers);
        const between = await counted(fast, route);
        await raw(slowBase, `/api/v1/public/${path}`, headers);
        const fromRoute = await raw(slowBase, `/api/v1/public/${path}`, headers);
        const after = await counted(fast, route);
        expect({ path, coding, ...comparable(fromMemory) }).toEqual({ path, coding, ...comparable(fromRoute) });
        // (the two apps share the process's metrics registry) the first answer was from memory, the others not
        expect({ path, coding, fast: between.hit - before.hit, slow: after.hit - between.hit, missed: after.fallthrough - between.fallthrough }).toEqual({
          path,
          coding,
          fast: 1,
          slow: 0,
          missed: 0,
        });
      }
    }
  });
});
