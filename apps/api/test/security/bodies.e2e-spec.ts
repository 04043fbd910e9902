import { request } from 'node:http';
import { connect } from 'node:net';
import { startTestApi, TestApi } from '../harness';

/**
 * Bodies cannot hurt the server before anyone is known: a body is bounded by its route (JSON_BODY_LIMIT_BYTES
 * everywhere, more only on the import and upload routes), a route that is not public judges the credential before
 * reading a byte of the body, an announced Content-Length over the limit is refused unread, and JSON that is
 * malformed or nested too deep is a 400, not a 500.
 */

const JSON_LIMIT = 256 * 1024;
const MB = 1024 * 1024;

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends a request's head announcing `contentLength` bytes and then only `sent`, and waits for the answer. A server
 * that reads the body first never answers: the socket's own timeout then ends the wait with status 0.
 */
function announce(
  base: string,
  path: string,
  contentLength: number,
  headers: Record<string, string> = {},
  sent = 'abc',
): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let data = '';
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      socket.destroy();
      const [head, ...rest] = data.split('\r\n\r\n');
      const [statusLine, ...lines] = (head ?? '').split('\r\n');
      const parsed: Record<string, string> = {};
      for (const line of lines) {
        const at = line.indexOf(':');
        if (at > 0) parsed[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
      }
      resolve({ status: Number(statusLine?.split(' ')[1] ?? 0) || 0, headers: parsed, body: rest.join('\r\n\r\n') });
    };
    socket.setTimeout(8000, finish);
    socket.on('data', (chunk) => {
      data += chunk.toString('utf8');
      // The whole answer is in once its announced length arrived.
      const end = data.indexOf('\r\n\r\n');
      const length = /content-length:\s*(\d+)/i.exec(data.slice(0, end))?.[1];
      if (end >= 0 && length !== undefined && Buffer.byteLength(data.slice(end + 4)) >= Number(length)) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (e) => (done ? undefined : reject(e)));
    const head = Object.entries({ host: `${hostname}:${port}`, 'content-type': 'text/plain', ...headers, 'content-length': String(contentLength) })
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n');
    socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n\r\n${sent}`);
  });
}

const problemOf = (answer: RawAnswer): { status: number; detail: string } => JSON.parse(answer.body);

describe('request bodies before anyone is known', () => {
  let api: TestApi;
  let base: string;
  let operator: Record<string, string>;
  let regionCode: string;

  beforeAll(async () => {
    api = await startTestApi({ JSON_BODY_LIMIT_BYTES: String(JSON_LIMIT) });
    base = await api.listen();
    operator = { authorization: `Bearer ${await api.tokenFor('operator')}` };
    regionCode = (await api.ds.query(`SELECT code FROM regions WHERE level = 'rt' ORDER BY code LIMIT 1`))[0].code;
  });
  afterAll(() => api?.close());

  describe('an announced body over the limit is refused unread', () => {
    it.each([
      ['text/plain', '/api/v1/auth/login'],
      ['text/csv', '/api/v1/auth/login'],
      ['application/geo+json', '/api/v1/auth/register'],
      ['application/json', '/api/v1/auth/login'],
    ])('anonymous %s of 190 MB to %s: 413 problem+json, connection closed', async (type, path) => {
      const answer = await announce(base, path, 190 * MB, { 'content-type': type });
      expect(answer.status).toBe(413);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.headers.connection).toBe('close');
      expect(problemOf(answer)).toMatchObject({ status: 413 });
    });

    it('an authenticated caller over a route limit gets 413 too', async () => {
      const json = await announce(base, '/api/v1/programs', 190 * MB, { ...operator, 'content-type': 'application/json' });
      expect(json.status).toBe(413);
      const csv = await announce(base, '/api/v1/needs/import', 300 * MB, { ...operator, 'content-type': 'text/csv' });
      expect(csv.status).toBe(413);
      expect(csv.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('a route that is not public judges the credential before the body', () => {
    it('anonymous 190 MB CSV to the needs import: 401 without reading it', async () => {
      const answer = await announce(base, '/api/v1/needs/import', 190 * MB, { 'content-type': 'text/csv' });
      expect(answer.status).toBe(401);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(problemOf(answer)).toMatchObject({ status: 401 });
    });

    it('anonymous GeoJSON to the regions import, and a bad token: 401 without reading', async () => {
      const geo = await announce(base, '/api/v1/regions/import', 40 * MB, { 'content-type': 'application/geo+json' });
      expect(geo.status).toBe(401);
      const badToken = await announce(base, '/api/v1/needs/import', 190 * MB, {
        'content-type': 'text/csv',
        authorization: 'Bearer not-a-token',
      });
      expect(badToken.status).toBe(401);
      const badKey = await announce(base, '/api/v1/needs/import', 190 * MB, {
        'content-type': 'text/csv',
        'x-api-key': 'ksbb_nonsense_key_that_is_long_enough',
      });
      expect(badKey.status).toBe(401);
    });

    it('anonymous JSON to a closed route is 401 before its body is parsed', async () => {
      const answer = await announce(base, '/api/v1/programs', 100 * 1024, { 'content-type': 'application/json' }, '{"co');
      expect(answer.status).toBe(401);
    });

    it('a public route still reads its body: login works', async () => {
      const res = await api.http.get('/health/live');
      expect(res.status).toBe(200);
      expect(await api.tokenFor('admin')).toEqual(expect.any(String));
    });
  });

  describe('the JSON body limit is configurable and applies to every type on ordinary routes', () => {
    it('a JSON body over JSON_BODY_LIMIT_BYTES: 413 problem+json', async () => {
      const res = await api.http
        .post('/api/v1/programs')
        .set(operator)
        .send({ code: 'BIG', name: 'x'.repeat(JSON_LIMIT + 10) });
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('a text body over the limit on an ordinary route: 413, no longer 200 MB', async () => {
      const res = await api.http
        .post('/api/v1/auth/login')
        .set('content-type', 'text/plain')
        .send('x'.repeat(JSON_LIMIT + 10));
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('sent chunked (no Content-Length), a body is still cut at the limit', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'text/csv' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.write('x'.repeat(JSON_LIMIT));
        req.write('x'.repeat(JSON_LIMIT));
        req.end();
      });
      expect(status).toBe(413);
    });

    it('an authenticated import above 1 MB still lands', async () => {
      const header = 'programCode,packageCode,regionCode,title,quantity,sourceRef,description';
      const pad = 'd'.repeat(150);
      const rows = Array.from({ length: 8000 }, (_, i) => `PANGAN,SEMBAKO,${regionCode},Sembako ${i},5,BODY-${i},${pad}`);
      const csv = [header, ...rows].join('\n') + '\n';
      expect(Buffer.byteLength(csv)).toBeGreaterThan(MB);
      const res = await api.http.post('/api/v1/needs/import').set(operator).set('content-type', 'text/csv').send(csv);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ inserted: 8000, rejected: [] });
    });
  });

  describe('malformed or too-deep JSON is a 400, never a 500', () => {
    it.each([
      ['10,000 nested arrays', '['.repeat(10000) + ']'.repeat(10000)],
      ['a megabyte-ish of open brackets (within the limit)', '['.repeat(JSON_LIMIT - 10)],
      ['10,000 nested objects', '{"a":'.repeat(10000) + '1' + '}'.repeat(10000)],
      ['65 levels', '['.repeat(65) + ']'.repeat(65)],
    ])('%s: 400 problem+json, and the server still answers', async (_what, body) => {
      const res = await api.http.post('/api/v1/auth/login').set('content-type', 'application/json').send(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, detail: expect.stringMatching(/nested deeper than 64/) });
      expect((await api.http.get('/health/live')).status).toBe(200);
    });

    it('brackets inside strings do not count', async () => {
      const res = await api.http
        .post('/api/v1/auth/login')
        .set('content-type', 'application/json')
        .send(JSON.stringify({ email: '['.repeat(5000) + '"\\"{', password: 'x' }));
      expect(res.status).not.toBe(500);
      expect(res.body.detail ?? '').not.toMatch(/nested/);
    });

    it.each([['{"email": '], ['{"email": "a@b.c",}'], ['nul'], ['{"__proto__": {"admin": true}}']])(
      'malformed %s: 400 problem+json',
      async (body) => {
        const res = await api.http.post('/api/v1/auth/login').set('content-type', 'application/json').send(body);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      },
    );
  });
});
