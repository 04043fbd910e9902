import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  TooManyRequestsError,
  UnauthenticatedError,
  UnprocessableError,
  UnsupportedMediaTypeError,
} from './domain-errors';
import { EMAIL_ERRORS } from './email-address';
import {
  isProblemCode,
  PROBLEM_CODES,
  PROBLEM_TEXTS,
  problemCodeOfStatus,
  problemText,
} from './problem-codes';

const ROOT = join(__dirname, '../../../..');
const SOURCES = ['libs/core/src', 'apps/api/src'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/spec\.ts$/.test(name) ? [path] : [];
  });
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Every code a throw site names: `code: 'x'` and `code: cond ? 'x' : 'y'` in error options, and `problem(…, 'x')`. */
function codesNamedInSources(): Map<string, string> {
  const found = new Map<string, string>();
  for (const root of SOURCES) {
    for (const file of sourceFiles(join(ROOT, root))) {
      const text = readFileSync(file, 'utf8');
      if (/config\/config\.ts$/.test(file)) continue; // zod's own issue codes
      for (const line of text.split('\n')) {
        const at = line.match(/\bcode: ([^,}]*)/);
        if (!at) continue;
        // In `cond ? 'x' : 'y'` only the branches are codes, not what the condition compares with.
        const values = at[1].replace(/[!=]==\s*'[^']*'/g, '');
        for (const literal of values.matchAll(/'([a-z][a-z0-9_]*)'/g)) {
          if (literal[1] === 'code') continue; // a sort field, not an error
          found.set(literal[1], file.slice(ROOT.length + 1));
        }
      }
    }
  }
  return found;
}

describe('the problem-code catalogue', () => {
  it('has a non-empty Indonesian and English text for every code, with the same placeholders in both', () => {
    const incomplete = PROBLEM_CODES.filter((code) => {
      const { id, en } = PROBLEM_TEXTS[code];
      return !id?.trim() || !en?.trim() || placeholders(id).join() !== placeholders(en).join();
    });
    expect(incomplete).toEqual([]);
    expect(PROBLEM_CODES.every((code) => /^[a-z][a-z0-9_]*$/.test(code))).toBe(true);
  });

  it('knows every code a throw site in libs/core or apps/api names', () => {
    const named = codesNamedInSources();
    expect(named.size).toBeGreaterThan(40);
    const unknown = [...named]
      .filter(([code]) => !isProblemCode(code))
      .map(([code, file]) => `${code} (${file})`);
    expect(unknown).toEqual([]);
  });

  it('knows the code of every error class and of every status the API answers with', () => {
    const errors = [
      new InvalidInputError('x'),
      new UnauthenticatedError('x'),
      new ForbiddenError('x'),
      new NotFoundError('need', '1'),
      new ConflictError('x'),
      new PreconditionFailedError('x'),
      new PayloadTooLargeError('x'),
      new UnsupportedMediaTypeError('x'),
      new UnprocessableError('x'),
      new TooManyRequestsError('x', 1),
    ];
    expect(errors.map((e) => e.code)).toEqual([
      'invalid_input',
      'unauthenticated',
      'forbidden',
      'not_found',
      'conflict',
      'precondition_failed',
      'payload_too_large',
      'unsupported_media_type',
      'unprocessable',
      'rate_limited',
    ]);
    for (const status of [
      400, 401, 403, 404, 405, 406, 408, 409, 412, 413, 414, 415, 422, 429, 431, 500, 503,
    ]) {
      expect(isProblemCode(problemCodeOfStatus(status))).toBe(true);
    }
    expect(Object.keys(EMAIL_ERRORS).every(isProblemCode)).toBe(true);
    expect(isProblemCode('password_too_weak')).toBe(true);
  });

  it('lets a throw site give a specific code and params, kept beside its field errors', () => {
    const e = new ConflictError('only 2 left on the need; 5 requested', {
      code: 'insufficient_quantity',
      params: { left: 2, requested: 5 },
    });
    expect([e.code, e.errors, e.message]).toEqual([
      'insufficient_quantity',
      undefined,
      'only 2 left on the need; 5 requested',
    ]);
    expect(problemText(e.code, 'id', e.params)).toBe('Hanya tersisa 2 pada kebutuhan; diminta 5.');
    expect(new InvalidInputError('x', [{ field: 'a', message: 'b' }]).errors).toEqual([
      { field: 'a', message: 'b' },
    ]);
  });
});
