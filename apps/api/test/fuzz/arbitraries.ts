import fc from 'fast-check';
import { OpenApiDoc, resolve, Schema } from './openapi';

/**
 * fast-check arbitraries generated from OpenAPI 3.0 schemas: `valid` values that satisfy the schema (so requests get
 * past validation into the handlers) and `hostile` values that break it somewhere (odd strings, huge numbers, wrong
 * types, missing required and unknown extra fields).
 */

/** Values that fit a named property or parameter better than random ones do (existing ids, codes, tokens). */
export type Hints = (name: string, schema: Schema) => fc.Arbitrary<unknown> | undefined;

const MAX_DEPTH = 6;
const CAP_STRING = 40;
const CAP_ITEMS = 4;

/** Strings that have broken servers before: control characters, direction overrides, emoji, injections, 10 kB. */
export const ODD_STRINGS: string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  'مرحبا بالعالم',
  'שלום',
  '👨‍👩‍👧‍👦🙂🇮🇩',
  '\ud800',
  '\uFEFF\u200B\u00A0',
  '\r\nX-Injected: 1',
  "'; DROP TABLE needs; --",
  "' OR '1'='1",
  '%',
  '_',
  '\\',
  '"',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  'NaN',
  'Infinity',
  '-0',
  'null',
  'undefined',
  'true',
  '1e308',
  '9223372036854775808',
  '0x1F',
  '2024-02-30',
  '2024-13-01T25:61:00Z',
  '0000-00-00',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'a'.repeat(10_240),
  '€'.repeat(4_000),
];

export const oddString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...ODD_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 1 },
);

/** Numbers at and past the edges JSON, JavaScript, integers and PostgreSQL care about. */
export const oddNumber: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  1e308,
  -1e308,
  -0,
  2 ** 31,
  2 ** 53 + 1,
  2 ** 63,
  -(2 ** 63),
  Number.MAX_SAFE_INTEGER,
  Number.MIN_VALUE,
  0.5,
  -1,
  0,
  'NaN',
  'Infinity',
  '1e400',
  '12',
);

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  oddNumber,
  oddString,
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

const isoDate = (min: string, max: string): fc.Arbitrary<Date> => fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true });

function validString(s: Schema): fc.Arbitrary<string> {
  switch (s.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return isoDate('2000-01-01', '2100-01-01').map((d) => d.toISOString());
    case 'date':
      return isoDate('2000-01-01', '2100-01-01').map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
    case 'binary':
      return fc.string({ maxLength: CAP_STRING });
  }
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern));
    } catch {
      // a pattern JavaScript cannot compile: fall back to length-bounded strings
    }
  }
  const minLength = s.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(s.maxLength ?? CAP_STRING, minLength + CAP_STRING));
  return fc.oneof(
    { arbitrary: fc.string({ minLength, maxLength }), weight: 3 },
    { arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength }), weight: 1 },
  );
}

function validNumber(s: Schema): fc.Arbitrary<number> {
  const min = s.minimum ?? -1_000;
  const max = s.maximum ?? Math.max(min + 1_000, 1_000_000);
  // NestJS documents integers as `number` too: whole numbers here (fractions come as hostile values, and by hint for
  // coordinates), often small ones, which quantities and counts need to fit what is left
  const lo = Math.min(Math.max(0, Math.ceil(min)), Math.floor(max));
  const small = fc.integer({ min: lo, max: Math.min(Math.floor(max), lo + 20) });
  return fc.oneof(
    { arbitrary: small, weight: 4 },
    { arbitrary: fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), weight: 2 },
    { arbitrary: fc.constantFrom(Math.ceil(min), Math.floor(max)), weight: 1 },
  );
}

/** A value that satisfies the schema. */
export function valid(doc: OpenApiDoc, schema: Schema, hints: Hints, name = '', depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  const base = validBase(doc, s, hints, name, depth);
  // hints are for scalars; arrays take them per element, by the singular name (`programCodes` → `programCode`)
  const hinted = name && s.type !== 'array' && s.type !== 'object' && !s.properties ? hints(name, s) : undefined;
  const withHint = hinted ? fc.oneof({ arbitrary: hinted, weight: 4 }, { arbitrary: base, weight: 1 }) : base;
  return s.nullable ? fc.oneof({ arbitrary: withHint, weight: 5 }, { arbitrary: fc.constant(null), weight: 1 }) : withHint;
}

function validBase(doc: OpenApiDoc, s: Schema, hints: Hints, name: string, depth: number): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  // the document's examples are realistic values: half the time they stand in for random ones
  const withExample = (arb: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    s.example !== undefined ? fc.oneof({ arbitrary: fc.constant(s.example), weight: 1 }, { arbitrary: arb, weight: 1 }) : arb;
  switch (s.type) {
    case 'string':
      return withExample(validString(s));
    case 'number':
    case 'integer':
      return withExample(validNumber(s));
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = s.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(s.maxItems ?? CAP_ITEMS, CAP_ITEMS));
      if (depth >= MAX_DEPTH || !s.items) return fc.constant([]);
      return withExample(fc.array(valid(doc, s.items, hints, singular(name), depth + 1), { minLength, maxLength }));
    }
    case 'object':
    case undefined:
      return validObject(doc, s, hints, depth);
    default:
      return anyJson;
  }
}

/** `items` → `item`, `witnesses` → `witness`: hints for array elements go by the singular name. */
const singular = (name: string): string => name.replace(/(ss)es$/, '$1').replace(/s$/, '');

function validObject(doc: OpenApiDoc, s: Schema, hints: Hints, depth: number): fc.Arbitrary<unknown> {
  if (!s.properties) {
    if (s.additionalProperties && typeof s.additionalProperties === 'object' && depth < MAX_DEPTH) {
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), valid(doc, s.additionalProperties, hints, '', depth + 1), {
        maxKeys: 3,
      });
    }
    return fc.constant({});
  }
  if (depth >= MAX_DEPTH) return fc.constant({});
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, prop] of Object.entries(s.properties)) model[key] = valid(doc, prop, hints, key, depth + 1);
  return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in model) });
}

/** A value of another JSON type than the schema's. */
function wrongType(s: Schema): fc.Arbitrary<unknown> {
  const others: fc.Arbitrary<unknown>[] = [fc.constant(null)];
  if (s.type !== 'string') others.push(oddString);
  if (s.type !== 'number' && s.type !== 'integer') others.push(oddNumber);
  if (s.type !== 'boolean') others.push(fc.boolean());
  if (s.type !== 'array') others.push(fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 3 }));
  if (s.type !== 'object' && s.type !== undefined) others.push(fc.constant({ nested: { deeper: [1, 'x'] } }));
  return fc.oneof(...others);
}

/** A value that breaks the schema at this level or somewhere below it. */
export function hostile(doc: OpenApiDoc, schema: Schema, hints: Hints, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  const options: fc.Arbitrary<unknown>[] = [wrongType(s)];
  if (s.enum) options.push(fc.oneof(oddString, fc.constant(`${String(s.enum[0])}x`), fc.constant(String(s.enum[0]).toUpperCase())));
  switch (s.type) {
    case 'string':
      options.push(oddString, oddString);
      if (s.maxLength !== undefined) options.push(fc.constant('x'.repeat(s.maxLength + 1)));
      if (s.minLength) options.push(fc.constant(''));
      if (s.format === 'uuid')
        options.push(fc.constantFrom('not-a-uuid', '123', 'z'.repeat(2_000), '00000000-0000-0000-0000-00000000000g'));
      break;
    case 'number':
    case 'integer':
      options.push(oddNumber, oddNumber);
      if (s.minimum !== undefined) options.push(fc.constant(s.minimum - 1));
      if (s.maximum !== undefined) options.push(fc.constant(s.maximum + 1));
      options.push(fc.double({ noNaN: true, noDefaultInfinity: true }));
      break;
    case 'array':
      if (s.items && depth < MAX_DEPTH) {
        options.push(fc.array(hostile(doc, s.items, hints, depth + 1), { minLength: 1, maxLength: 3 }));
        options.push(fc.constant([null]));
      }
      if (s.maxItems !== undefined && s.maxItems <= 200 && s.items) {
        options.push(fc.array(valid(doc, s.items, hints, '', depth + 1), { minLength: s.maxItems + 1, maxLength: s.maxItems + 1 }));
      }
      break;
    case 'object':
    case undefined:
      if (s.properties && depth < MAX_DEPTH) options.push(...hostileObject(doc, s, hints, depth));
      break;
  }
  return fc.oneof(...options);
}

function hostileObject(doc: OpenApiDoc, s: Schema, hints: Hints, depth: number): fc.Arbitrary<unknown>[] {
  const props = Object.entries(s.properties ?? {});
  const required = s.required ?? [];
  const full = (): fc.Arbitrary<Record<string, unknown>> =>
    fc.record(Object.fromEntries(props.map(([k, p]) => [k, valid(doc, p, hints, k, depth + 1)]))) as fc.Arbitrary<Record<string, unknown>>;
  const out: fc.Arbitrary<unknown>[] = [
    // an unknown extra field (mass assignment): must be refused, never stored
    fc
      .tuple(full(), fc.constantFrom('id', 'status', 'role', 'version', 'createdAt', '__proto__', 'constructor', 'extra'), anyJson)
      .map(([o, k, v]) => ({ ...o, [k]: v })),
  ];
  if (required.length > 0) {
    out.push(
      fc.tuple(full(), fc.constantFrom(...required)).map(([o, k]) => {
        const copy = { ...o };
        delete copy[k];
        return copy;
      }),
    );
  }
  if (props.length > 0) {
    // one field broken, the rest valid: the error must be reported for that field, not crash the handler
    const broken = props.map(([k, p]) => fc.tuple(full(), hostile(doc, p, hints, depth + 1)).map(([o, v]) => ({ ...o, [k]: v })));
    out.push(fc.oneof(...broken), fc.oneof(...broken));
  }
  return out;
}
