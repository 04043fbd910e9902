import fc from 'fast-check';
import { Hints, hostile, oddString, valid } from './arbitraries';
import { OpenApiDoc, Operation, Parameter, Schema } from './openapi';

/** One generated request to an operation, as data (printed as is when it fails). */
export interface FuzzRequest {
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body?:
    | { type: 'json'; value: unknown }
    | { type: 'raw'; contentType: string; text: string }
    | { type: 'file'; name: string; contentType: string; bytes: number[] };
  /** which parts were generated hostile, for the report */
  hostile: string[];
}

/** Arbitraries for the existing values of each path parameter (read from the database per operation). */
export type PathPools = Record<string, string[]>;

const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  oddString,
  fc.constantFrom('not-a-uuid', '0', '-1', '..', '%2e%2e', 'z'.repeat(3_000), '00000000-0000-0000-0000-000000000000'),
);

const ASCII_HEADER = /^[\x20-\x7e]*$/;

/** Values safe to put in a header (the HTTP client refuses control and non-Latin-1 characters before sending). */
const headerSafe = (v: unknown): string | undefined => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s !== undefined && ASCII_HEADER.test(s) && s.length <= 4_000 ? s : undefined;
};

/** A string fit for a URL: lone surrogates (which cannot be percent-encoded) become U+FFFD, as browsers do. */
const wellFormed = (s: string): string => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

function pathArb(op: Operation, pools: PathPools): fc.Arbitrary<{ path: string; hostile: boolean }> {
  const params = op.parameters.filter((p) => p.in === 'path');
  if (params.length === 0) return fc.constant({ path: op.path, hostile: false });
  const parts = params.map((p) => {
    const existing = pools[p.name] ?? [];
    const good = existing.length > 0 ? fc.constantFrom(...existing) : fc.uuid();
    return fc.oneof(
      { arbitrary: good.map((v) => ({ v, bad: false })), weight: 8 },
      { arbitrary: fc.uuid().map((v) => ({ v, bad: false })), weight: 1 },
      { arbitrary: hostileSegment.map((v) => ({ v, bad: true })), weight: 2 },
    );
  });
  return fc.tuple(...parts).map((values) => {
    let path = op.path;
    params.forEach((p, i) => (path = path.replace(`{${p.name}}`, encodeURIComponent(wellFormed(values[i].v)))));
    return { path, hostile: values.some((x) => x.bad) };
  });
}

const stringify = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

function queryArb(doc: OpenApiDoc, op: Operation, hints: Hints): fc.Arbitrary<{ query: [string, string][]; hostile: boolean }> {
  const params = op.parameters.filter((p) => p.in === 'query');
  const one = (p: Parameter, bad: boolean): fc.Arbitrary<[string, string][]> =>
    (bad ? hostile(doc, p.schema, hints) : valid(doc, p.schema, hints, p.name)).map((v) =>
      Array.isArray(v) ? v.map((x): [string, string] => [p.name, stringify(x)]) : [[p.name, stringify(v)]],
    );
  const validQuery = fc
    .tuple(...params.map((p) => fc.option(one(p, false), { freq: 2, nil: undefined })))
    .map((entries) => entries.flatMap((e) => e ?? []));
  const options: fc.Arbitrary<{ query: [string, string][]; hostile: boolean }>[] = [
    validQuery.map((query) => ({ query, hostile: false })),
    // an unknown parameter: refused (400), never ignored
    fc.tuple(validQuery, fc.constantFrom('foo', 'page[size]', '__proto__', 'sort[]', 'status[0]'), oddString).map(([q, k, v]) => ({
      query: [...q, [k, v] as [string, string]],
      hostile: true,
    })),
  ];
  if (params.length > 0) {
    const broken = params.map((p) =>
      fc.tuple(validQuery, one(p, true)).map(([q, bad]) => ({ query: [...q.filter(([k]) => k !== p.name), ...bad], hostile: true })),
    );
    options.push(fc.oneof(...broken));
    // the same parameter twice
    options.push(
      fc
        .tuple(validQuery, fc.constantFrom(...params))
        .map(([q, p]) => ({ query: [...q, [p.name, '1'] as [string, string], [p.name, '2'] as [string, string]], hostile: true })),
    );
  }
  return fc.oneof({ arbitrary: options[0], weight: 3 }, ...options.slice(1).map((arbitrary) => ({ arbitrary, weight: 1 })));
}

function headersArb(doc: OpenApiDoc, op: Operation, hints: Hints): fc.Arbitrary<Record<string, string>> {
  const params = op.parameters.filter((p) => p.in === 'header');
  return fc
    .tuple(
      ...params.map((p) =>
        fc.option(
          fc.oneof({ arbitrary: valid(doc, p.schema, hints, p.name), weight: 3 }, { arbitrary: hostile(doc, p.schema, hints), weight: 1 }),
          {
            freq: 2,
            nil: undefined,
          },
        ),
      ),
    )
    .map((values) => {
      const out: Record<string, string> = {};
      params.forEach((p, i) => {
        const v = values[i] === undefined ? undefined : headerSafe(values[i]);
        if (v !== undefined) out[p.name] = v;
      });
      return out;
    });
}

/** The column names an import's description lists (`columns in any order: a,b,c` / `columns a,b,c`). */
export function csvColumns(description: string): string[] {
  const m = /columns(?: in any order)?:? ([A-Za-z_]+(?:,[A-Za-z_]+)+)/.exec(description);
  return m ? m[1].split(',') : ['code', 'name'];
}

const csvCell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function csvArb(columns: string[], hints: Hints): fc.Arbitrary<string> {
  const cell = (name: string): fc.Arbitrary<string> => {
    const hinted = hints(name, { type: 'string' });
    const numeric = /quantity|count|lon|lat/i.test(name) ? fc.integer({ min: -10, max: 1_000 }).map(String) : fc.string({ maxLength: 12 });
    return fc.oneof(
      { arbitrary: hinted ? hinted.map(String) : numeric, weight: 4 },
      { arbitrary: numeric, weight: 1 },
      { arbitrary: oddString, weight: 1 },
      { arbitrary: fc.constant(''), weight: 1 },
    );
  };
  const row = fc.tuple(...columns.map(cell)).map((cells) => cells.map(csvCell).join(','));
  const file = fc
    .tuple(fc.shuffledSubarray(columns, { minLength: 1 }), fc.array(row, { minLength: 0, maxLength: 6 }))
    .map(([header, rows]) => [header.join(','), ...rows].join('\n'));
  return fc.oneof(
    { arbitrary: fc.array(row, { minLength: 1, maxLength: 6 }).map((rows) => [columns.join(','), ...rows].join('\r\n')), weight: 4 },
    { arbitrary: file, weight: 2 },
    {
      arbitrary: fc.constantFrom('', '\uFEFF', 'a,b\n"unterminated', `${columns.join(',')}\n1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18`),
      weight: 1,
    },
    { arbitrary: oddString, weight: 1 },
  );
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff, 0xe0];
const PDF_MAGIC = [...Buffer.from('%PDF-1.4\n')];

function fileArb(columns: string[] | null, hints: Hints): fc.Arbitrary<NonNullable<FuzzRequest['body']>> {
  const junk = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 256 });
  const bytes = fc.oneof(
    junk,
    junk.map((j) => [...PNG_MAGIC, ...j]),
    junk.map((j) => [...JPEG_MAGIC, ...j]),
    junk.map((j) => [...PDF_MAGIC, ...j]),
    fc.constant<number[]>([]),
    ...(columns ? [csvArb(columns, hints).map((t) => [...Buffer.from(wellFormed(t))])] : []),
  );
  return fc
    .tuple(
      bytes,
      fc.constantFrom('file.png', 'file.jpg', 'file.pdf', 'data.csv', 'x.geojson', 'noext', '../../etc/passwd', 'a'.repeat(300)),
      fc.constantFrom('image/png', 'image/jpeg', 'application/pdf', 'text/csv', 'application/octet-stream', 'text/html'),
    )
    .map(([b, name, contentType]) => ({ type: 'file' as const, name, contentType, bytes: b }));
}

function bodyArb(doc: OpenApiDoc, op: Operation, hints: Hints): fc.Arbitrary<{ body?: FuzzRequest['body']; hostile: boolean }> {
  const content = op.body?.content ?? {};
  const options: { arbitrary: fc.Arbitrary<{ body?: FuzzRequest['body']; hostile: boolean }>; weight: number }[] = [];
  const json = content['application/json'];
  if (json) {
    const schema: Schema = json.schema;
    options.push({
      arbitrary: valid(doc, schema, hints).map((value) => ({ body: { type: 'json' as const, value }, hostile: false })),
      weight: 3,
    });
    options.push({
      arbitrary: hostile(doc, schema, hints).map((value) => ({ body: { type: 'json' as const, value }, hostile: true })),
      weight: 2,
    });
    options.push({
      arbitrary: fc
        .constantFrom('{', '{"a":', '[1,2', '\u0000', '{"__proto__":{"admin":true}}', `{"a":${'['.repeat(2_000)}`)
        .map((text) => ({
          body: { type: 'raw' as const, contentType: 'application/json', text },
          hostile: true,
        })),
      weight: 1,
    });
  }
  const columns = op.body ? csvColumns(op.body.description ?? '') : null;
  if (content['text/csv']) {
    options.push({
      arbitrary: csvArb(columns ?? [], hints).map((text) => ({
        body: { type: 'raw' as const, contentType: 'text/csv', text },
        hostile: true,
      })),
      weight: 3,
    });
  }
  if (content['application/geo+json']) {
    const feature = fc.record({
      type: fc.constant('Feature'),
      properties: fc.record(
        {
          code: fc.oneof(fc.constantFrom('31.71.99', '31.71.01.9999'), oddString),
          level: fc.constantFrom('city', 'district', 'village', 'planet'),
          parentCode: fc.constantFrom('31.71', '31', 'nope'),
          name: oddString,
        },
        { requiredKeys: [] },
      ),
      geometry: fc.oneof(
        fc.constant(null),
        fc.record({
          type: fc.constant('Point'),
          coordinates: fc.tuple(fc.double({ min: -200, max: 200, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true })),
        }),
        fc.record({
          type: fc.constant('Polygon'),
          coordinates: fc.constant([
            [
              [106.8, -6.1],
              [106.9, -6.1],
              [106.9, -6.2],
              [106.8, -6.1],
            ],
          ]),
        }),
        fc.record({
          type: fc.constantFrom('Polygon', 'MultiPolygon', 'Nope'),
          coordinates: fc.constantFrom([], [[1]], 'x', [
            [
              [1, 2],
              [3, 4],
            ],
          ]),
        }),
      ),
    });
    const geo = fc.oneof(
      fc.record({ type: fc.constant('FeatureCollection'), features: fc.array(feature, { maxLength: 3 }) }),
      fc.constantFrom({}, [], { type: 'FeatureCollection' }, { type: 'FeatureCollection', features: 'x' }),
    );
    options.push({
      arbitrary: geo.map((g) => ({
        body: { type: 'raw' as const, contentType: 'application/geo+json', text: JSON.stringify(g) },
        hostile: true,
      })),
      weight: 2,
    });
  }
  if (content['multipart/form-data']) {
    options.push({ arbitrary: fileArb(columns, hints).map((body) => ({ body, hostile: true })), weight: 3 });
  }
  if (options.length === 0) {
    // no documented body: mostly none, sometimes one anyway (it must be ignored or refused, not crash)
    return fc.oneof(
      { arbitrary: fc.constant({ body: undefined, hostile: false }), weight: 5 },
      {
        arbitrary: fc
          .constantFrom<unknown>({}, { x: 1 }, [], 'x')
          .map((value) => ({ body: { type: 'json' as const, value }, hostile: true })),
        weight: 1,
      },
    );
  }
  // a documented body missing altogether, or sent with the wrong content type
  options.push({ arbitrary: fc.constant({ body: undefined, hostile: true }), weight: 1 });
  options.push({
    arbitrary: fc
      .constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded')
      .map((contentType) => ({ body: { type: 'raw' as const, contentType, text: 'a=1&b=<x/>' }, hostile: true })),
    weight: 1,
  });
  return fc.oneof(...options);
}

export function requestArb(doc: OpenApiDoc, op: Operation, hints: Hints, pools: PathPools): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(pathArb(op, pools), queryArb(doc, op, hints), headersArb(doc, op, hints), bodyArb(doc, op, hints))
    .map(([p, q, headers, b]) => ({
      path: p.path,
      query: q.query,
      headers,
      body: b.body,
      hostile: [p.hostile && 'path', q.hostile && 'query', b.hostile && 'body'].filter((x): x is string => !!x),
    }));
}
