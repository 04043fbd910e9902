import Fastify, { type FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import { AppConfig, loadConfig, RequestContext } from '@ksbb/core';
import { createApiLogger, registerAccessLog } from './logging';

type Line = Record<string, unknown> & { req?: Record<string, unknown>; msg?: string };

/** A logger at `level` whose JSON lines land in the returned array. */
function capture(level: string): { lines: Line[]; logger: ReturnType<typeof createApiLogger> } {
  const lines: Line[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Line);
      done();
    },
  });
  const config = { ...loadConfig({ NODE_ENV: 'test' }), LOG_LEVEL: level } as AppConfig;
  return { lines, logger: createApiLogger(config, destination) };
}

const flush = () => new Promise((r) => setImmediate(r));

const context = (http: { method?: string; url?: string; socket?: { remoteAddress?: string } }) => ({
  requestId: 'req-abcdefgh',
  ip: '10.0.0.9',
  userAgent: 'test',
  principal: null,
  http,
});

describe('the API logger', () => {
  it('puts the request (id, method, path without query, address) on every line written in its context', async () => {
    const { lines, logger } = capture('info');
    RequestContext.run(context({ method: 'GET', url: '/api/v1/needs?q=beras', socket: { remoteAddress: '10.1.2.3' } }), () =>
      logger.warn({ attempt: 2 }, 'inside'),
    );
    logger.warn('outside');
    await flush();
    expect(lines[0]).toMatchObject({
      msg: 'inside',
      attempt: 2,
      service: 'ksbb-api',
      req: { id: 'req-abcdefgh', method: 'GET', path: '/api/v1/needs', remoteAddress: '10.1.2.3' },
    });
    expect(Object.keys(lines[0].req as object).sort()).toEqual(['id', 'method', 'path', 'remoteAddress']);
    expect(lines[1].msg).toBe('outside');
    expect(lines[1].req).toBeUndefined();
  });

  it('still redacts credentials and personal data on the lines that carry the request', async () => {
    const { lines, logger } = capture('info');
    RequestContext.run(context({ method: 'POST', url: '/api/v1/auth/login' }), () =>
      logger.error({ body: { email: 'a@b.example', password: 'hunter2hunter2', nested: { nik: '3171234567890001' } } }, 'failed'),
    );
    await flush();
    const text = JSON.stringify(lines[0]);
    expect(text).not.toMatch(/a@b\.example|hunter2|3171234567890001/);
    expect(lines[0].req).toMatchObject({ path: '/api/v1/auth/login' });
  });

  it('writes nothing and builds nothing below its level', async () => {
    const { lines, logger } = capture('warn');
    RequestContext.run(context({ method: 'GET', url: '/x' }), () => logger.info('hidden'));
    await flush();
    expect(lines).toEqual([]);
  });
});

describe('the access line', () => {
  let app: FastifyInstance;
  let base: string;
  const started = async (level: string) => {
    const captured = capture(level);
    app = Fastify({ genReqId: () => 'req-12345678' });
    registerAccessLog(app, captured.logger);
    app.get('/ok', async () => ({ ok: true }));
    app.get('/boom', async (_req, reply) => reply.status(503).send({ down: true }));
    app.get('/health/live', async () => 'ok');
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    return captured;
  };
  afterEach(() => app?.close());

  it('is one line per response with req, res.statusCode and responseTime only, the query and headers left out', async () => {
    const { lines } = await started('info');
    await fetch(`${base}/ok?q=private+search`, { headers: { authorization: 'Bearer secret-token', cookie: 'sid=1' } });
    await fetch(`${base}/boom`);
    await fetch(`${base}/health/live`);
    await new Promise((r) => setTimeout(r, 50));
    expect(lines).toHaveLength(2);
    const [ok, boom] = lines;
    expect(ok).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 'req-12345678', method: 'GET', path: '/ok', remoteAddress: '127.0.0.1' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    expect(Object.keys(ok).sort()).toEqual(['hostname', 'level', 'msg', 'pid', 'req', 'res', 'responseTime', 'service', 'time']);
    expect(JSON.stringify(ok)).not.toMatch(/private|secret-token|sid=/);
    expect(boom).toMatchObject({ msg: 'request errored', res: { statusCode: 503 }, err: { message: 'failed with status code 503' } });
  });

  it('is not installed when the level hides it', async () => {
    const { lines } = await started('warn');
    await fetch(`${base}/ok`);
    await new Promise((r) => setTimeout(r, 50));
    expect(lines).toEqual([]);
  });
});
