import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { DEMO_PASSWORD } from '@ksbb/testing';
import { startTestApi, TestApi } from '../harness';
import { activeNonDemoEmails } from '@ksbb/testing/api';
import { Hints } from './arbitraries';
import {
  accessByOperation,
  buildWorld,
  Caller,
  callersFor,
  collectionOf,
  Credentials,
  credentials,
  namedValues,
  pool,
  PUBLIC_WEBHOOK_URL,
  World,
} from './fixtures';
import { loadDoc, OpenApiDoc, Operation, operations, ResponseValidator, Schema } from './openapi';
import { FuzzRequest, requestArb } from './requests';

/**
 * `npm run test:fuzz`: every operation of libs/api-client/openapi.json called with requests generated from its
 * schemas — valid ones that reach the handlers and hostile ones — by a caller whose role may call it. No response
 * may be a 5xx; each must have a status the document lists for that operation, a documented content type, and a
 * body valid against the documented schema; every 4xx is application/problem+json. All failures are collected and
 * reported together.
 *
 * FUZZ_SEED replays a run (the seed is printed); FUZZ_RUNS sets the requests per operation (default 80: 93
 * operations → 7,440 requests, 1–2 minutes on 2 shared cores; e.g. FUZZ_RUNS=500 for a long run).
 */

const DEFAULT_RUNS = 80;
const RUNS = Number(process.env.FUZZ_RUNS ?? DEFAULT_RUNS);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** FUZZ_TRACE=<operationId regex> prints those operations' requests and answers (to see why they never succeed) */
const TRACE = process.env.FUZZ_TRACE ? new RegExp(process.env.FUZZ_TRACE) : null;
/**
 * Statuses any operation may answer without listing them, decided before a route is known: the rate limiter (429)
 * and Node's limit on the request line and headers (431, 16 KB). Both must still be problem+json.
 */
const GENERIC_STATUSES = new Set([429, 431]);

interface Failure {
  operation: string;
  caller: Caller;
  request: string;
  status: number;
  problem: string;
  body: string;
  serverError?: string;
}

const clip = (v: unknown, n = 600): string => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? '' : s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s;
};

const mediaType = (contentType: string | undefined): string =>
  (contentType ?? '').split(';')[0].trim().toLowerCase();

/**
 * Ordered so that reads see the fixtures first, steps that move objects forward (publish, sign, approve, verify) find
 * them before the terminal ones (cancel, reject, close…) use them up, and the calls that delete or spend credentials
 * come last.
 */
function order(ops: Operation[]): Operation[] {
  const terminal = /\/(cancel|close|reject|release|suspend)$/;
  const rank = (op: Operation): number =>
    op.id === 'authLogout'
      ? 5
      : op.method === 'delete'
        ? 4
        : op.method === 'patch'
          ? 3
          : op.method === 'post'
            ? terminal.test(op.path)
              ? 2
              : 1
            : 0;
  return [...ops].sort(
    (a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  );
}

describe('OpenAPI fuzz', () => {
  let api: TestApi;
  let doc: OpenApiDoc;
  let world: World;
  let creds: Credentials;
  const serverErrors: string[] = [];

  beforeAll(async () => {
    // The problem filter logs what became a 5xx; keep it to report beside the failing request.
    jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation((...args: unknown[]) => void serverErrors.push(clip(args, 1_500)));
    api = await startTestApi({
      RATE_LIMIT_PER_MINUTE: '100000000',
      LOGIN_LIMIT_PER_ACCOUNT: '100000000',
      LOGIN_LIMIT_PER_IP: '100000000',
    });
    doc = loadDoc();
    const built = await buildWorld(api);
    world = built.world;
    creds = await credentials(api, world, built.apiKey);
  });
  afterAll(() => api?.close());

  it('answers every request with a documented status and body, and never with a 5xx', async () => {
    const started = Date.now();
    const ops = order(operations(doc));
    const access = accessByOperation(api);
    const validator = new ResponseValidator(doc);
    const failures: Failure[] = [];
    const statuses = new Map<string, number>();
    const succeeded = new Map<string, number>();
    let sent = 0;
    let renewed = 0;
    console.log(`fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} (${ops.length} operations)`);

    for (const [index, op] of ops.entries()) {
      const rules = access.get(op.id);
      if (!rules)
        throw new Error(`${op.id} is in openapi.json but no controller method has that operationId`);
      const callers = callersFor(rules, op.security.includes('apiKey'));
      const hints = await hintsFor(api, world, /^auth(Refresh|Logout)$/.test(op.id));
      const pools: Record<string, string[]> = {};
      for (const p of op.parameters.filter((x) => x.in === 'path')) {
        pools[p.name] = await pool(api.ds, collectionOf(op.path, p.name), world, op.method !== 'get');
      }
      const requests = fc.sample(requestArb(doc, op, hints, pools), { numRuns: RUNS, seed: SEED + index });
      for (const [i, req] of requests.entries()) {
        const caller = callers[i % callers.length];
        serverErrors.length = 0;
        const res = await send(api, op, req, creds.headers(caller));
        sent++;
        if (TRACE?.test(op.id))
          console.log(`${caller}: ${describeRequest(op, req)}\n  → ${res?.status} ${clip(res?.body, 400)}`);
        const key = `${res ? res.status : 'timeout'}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (res && res.status < 300) succeeded.set(op.id, (succeeded.get(op.id) ?? 0) + 1);
        for (const problem of check(validator, op, res)) {
          failures.push({
            operation: `${op.method.toUpperCase()} ${op.path} (${op.id})`,
            caller,
            request: describeRequest(op, req),
            status: res?.status ?? 0,
            problem,
            body: res ? clip(res.body && Object.keys(res.body).length ? res.body : res.text) : '',
            serverError: serverErrors.length ? serverErrors.join('\n') : undefined,
          });
        }
      }
      renewed += await creds.renew();
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz: ${sent} requests over ${ops.length} operations in ${seconds} s, seed ${SEED}; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; ` +
        `credentials renewed ${renewed} times; ${failures.length} failures; ` +
        `operations never answered 2xx: ${
          ops
            .filter((o) => !succeeded.has(o.id))
            .map((o) => o.id)
            .join(', ') || 'none'
        }`,
    );
    if (failures.length > 0) throw new Error(report(failures));
    expect(sent).toBe(ops.length * RUNS);
    if (RUNS >= DEFAULT_RUNS) expect(sent).toBeGreaterThanOrEqual(5_000);
    // the run must reach the handlers, not bounce at the guard or the validation pipe
    expect((statuses.get('200') ?? 0) + (statuses.get('201') ?? 0)).toBeGreaterThan(sent / 5);
  });
});

/** Fresh pools every operation: earlier operations create and change objects the later ones should find. */
async function hintsFor(api: TestApi, world: World, withRefreshTokens: boolean): Promise<Hints> {
  const v = await namedValues(api.ds, world);
  const refreshTokens: string[] = [];
  if (withRefreshTokens) {
    // the run may have changed an account's password (PATCH /users): the first account that still logs in serves
    for (const email of await activeNonDemoEmails(api.ds)) {
      const token = await api.login(email).then(
        (t) => t.refreshToken,
        () => undefined,
      );
      if (token) {
        refreshTokens.push(token);
        break;
      }
    }
  }
  const pick = (values: string[]): fc.Arbitrary<unknown> | undefined =>
    values.length ? fc.constantFrom(...values) : undefined;
  const byName: Record<string, fc.Arbitrary<unknown> | undefined> = {
    programCode: pick(v.program),
    program: pick(v.program),
    packageCode: pick(v.package),
    package: pick(v.package),
    regionCode: pick(v.region),
    region: pick(v.region),
    parentCode: pick(v.region),
    collaboratorId: pick(v.collaborator),
    aggregatorId: pick(v.aggregator),
    commitmentId: pick(v.commitment),
    needId: pick(v.need),
    targetInstitutionId: pick(v.institution),
    allocationId: pick(v.allocation),
    scheduleId: pick(v.schedule),
    entityId: pick([...v.need, ...v.commitment]),
    actor: pick(v.user),
    email: fc.oneof(
      pick(v.email) ?? fc.constant('admin@demo.ksbb.id'),
      fc.stringMatching(/^[a-f0-9]{8}$/).map((h) => `fuzz-${h}@example.org`),
    ),
    phone: fc.constantFrom('+62215550000', '0812 3456 7890', '(021) 555-0101'),
    country: fc.constantFrom('ID', 'SG', 'JP'),
    // program and package codes to create: upper case, digits and _
    code: fc.stringMatching(/^[A-Z][A-Z0-9_]{2,12}$/),
    lon: fc.double({ min: 106.6, max: 107, noNaN: true }),
    lat: fc.double({ min: -6.4, max: -6.1, noNaN: true }),
    password: fc.constant(DEMO_PASSWORD),
    refreshToken: pick(refreshTokens),
    url: fc.constantFrom(
      PUBLIC_WEBHOOK_URL,
      'http://127.0.0.1:6379/',
      'https://10.0.0.1/x',
      'https://[::1]/',
    ),
    cron: fc.constantFrom('0 6 * * 1', '*/5 * * * *', '0 0 1 * *', '61 * * * *', '* * *'),
    // a NIK: region (6 digits), birth date DDMMYY (+40 on the day for women), then 4 digits
    nik: fc
      .tuple(
        fc.integer({ min: 1, max: 28 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 1, max: 9999 }),
      )
      .map(
        ([d, woman, m, y, n]) =>
          `317101${String(woman ? d + 40 : d).padStart(2, '0')}${String(m).padStart(2, '0')}${String(y).padStart(2, '0')}${String(n).padStart(4, '0')}`,
      ),
    agree: fc.constant(true),
    recipient: fc.constantFrom('pokja@example.org', 'ops@example.org'),
    'If-Match': fc.constantFrom('"1"', '"2"', '"3"', '1', '*'),
    'Idempotency-Key': fc.oneof(fc.uuid(), fc.constantFrom('fuzz-key-1', 'fuzz-key-2')),
    bastNumber: undefined,
  };
  return (name: string, schema: Schema) => (schema.enum ? undefined : byName[name]);
}

async function send(
  api: TestApi,
  op: Operation,
  req: FuzzRequest,
  auth: Record<string, string>,
): Promise<Response | null> {
  const qs = new URLSearchParams(req.query).toString();
  let r = api.http[op.method](qs ? `${req.path}?${qs}` : req.path)
    .set(auth)
    .set(req.headers)
    .timeout(30_000);
  const b = req.body;
  if (b?.type === 'json')
    r = r.set('content-type', 'application/json').send(JSON.stringify(b.value) ?? 'null');
  else if (b?.type === 'raw') r = r.set('content-type', b.contentType).send(b.text);
  else if (b?.type === 'file')
    r = r
      .attach('file', Buffer.from(b.bytes), { filename: b.name, contentType: b.contentType })
      .field('note', 'x');
  try {
    return await r;
  } catch (e) {
    const err = e as { timeout?: number; response?: Response };
    if (err.response) return err.response;
    if (err.timeout) return null;
    // name the request a broken connection came from: it is the server's doing (a reply cut short), never noise
    throw new Error(
      `${op.method.toUpperCase()} ${op.path} (${op.id}): ${(e as Error).message}; ${describeRequest(op, req)}`,
      {
        cause: e,
      },
    );
  }
}

/** What is wrong with a response, by the document. */
function check(validator: ResponseValidator, op: Operation, res: Response | null): string[] {
  if (!res) return ['no answer within 30 s'];
  const problems: string[] = [];
  const status = res.status;
  if (status >= 500) problems.push(`server error ${status}`);
  const type = mediaType(res.headers['content-type']);
  if (status >= 400 && type !== 'application/problem+json')
    problems.push(`a ${status} as ${type || 'no content type'}, not application/problem+json`);
  const documented = op.responses[String(status)];
  if (!documented) {
    if (!GENERIC_STATUSES.has(status) && status < 500)
      problems.push(`status ${status} is not documented for ${op.id}`);
    return problems;
  }
  const content = documented.content;
  if (!content) {
    if (res.text && res.text.length > 0)
      problems.push(`status ${status} is documented without a body, but one came`);
    return problems;
  }
  const entry = content[type];
  if (!entry) {
    problems.push(
      `content type ${type || '(none)'} is not documented for ${status} (documented: ${Object.keys(content).join(', ')})`,
    );
    return problems;
  }
  // binary and text documents: their content type is all the document says of them
  if (!/json$/.test(type)) return problems;
  const errors = validator.validate(`${op.id} ${status} ${type}`, entry.schema, res.body);
  if (errors) {
    problems.push(
      `body does not match the ${status} schema: ${errors
        .slice(0, 5)
        .map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`)
        .join('; ')}`,
    );
  }
  return problems;
}

function describeRequest(op: Operation, req: FuzzRequest): string {
  const qs = new URLSearchParams(req.query).toString();
  const body =
    req.body?.type === 'json'
      ? clip(req.body.value, 400)
      : req.body?.type === 'raw'
        ? `${req.body.contentType}: ${clip(req.body.text, 200)}`
        : req.body
          ? `file ${req.body.name} (${req.body.contentType}, ${req.body.bytes.length} B)`
          : '(no body)';
  return `${op.method.toUpperCase()} ${clip(req.path, 200)}${qs ? `?${clip(qs, 200)}` : ''} headers=${clip(req.headers, 200)} body=${body} hostile=[${req.hostile.join(',')}]`;
}

/** Failures grouped by operation and problem, with up to three example requests each. */
function report(failures: Failure[]): string {
  const groups = new Map<string, Failure[]>();
  for (const f of failures) {
    const key = `${f.operation} — ${f.problem.replace(/"[^"]*"/g, '"…"').slice(0, 200)}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const lines = [`${failures.length} failures in ${groups.size} groups:`];
  for (const [key, list] of groups) {
    lines.push(`\n■ ${key} (${list.length}×)`);
    for (const f of list.slice(0, 3)) {
      lines.push(`  as ${f.caller}: ${f.request}\n    → ${f.status} ${f.body}\n    ${f.problem}`);
      if (f.serverError) lines.push(`    server: ${f.serverError}`);
    }
  }
  return lines.join('\n');
}
