import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { failureText } from '../api/failure';
import { en } from './en';
import { id, type MessageKey } from './id';
import { translate } from './locales';

/** The API's problem codes, as the generated client documents them (the ProblemCode enum of openapi.json). */
const openapi = JSON.parse(readFileSync(join(__dirname, '../../../../libs/api-client/openapi.json'), 'utf8')) as {
  components: { schemas: { ProblemCode: { enum: string[] } } };
};
const CODES = openapi.components.schemas.ProblemCode.enum;

describe('the text of problem codes', () => {
  it('has a non-empty Indonesian and English text for every code the API documents', () => {
    expect(CODES.length).toBeGreaterThan(40);
    const missing = CODES.filter((code) => {
      const key = `problem.${code}` as MessageKey;
      return !id[key]?.trim() || !en[key]?.trim();
    });
    expect(missing).toEqual([]);
  });

  it('has no text for a code the API no longer documents', () => {
    const stale = Object.keys(id).filter((key) => key.startsWith('problem.') && !CODES.includes(key.slice(8)));
    expect(stale).toEqual([]);
  });

  it("shows the admin's own text for a coded problem, in the admin's language, and the detail otherwise", () => {
    const problem = {
      type: 'https://ksbb.jakarta.go.id/problems/unauthorized',
      title: 'Unauthorized',
      status: 401,
      code: 'invalid_credentials' as const,
      detail: 'the email or password is wrong',
    };
    const failure = { kind: 'problem' as const, problem };
    expect(failureText(failure, (key, vars) => translate('id', key, vars))).toBe('Email atau kata sandi salah.');
    expect(failureText(failure, (key, vars) => translate('en', key, vars))).toBe('The email or password is wrong.');
    const uncoded = { kind: 'problem' as const, problem: { ...problem, code: 'from_a_newer_api' as never } };
    expect(failureText(uncoded, (key, vars) => translate('id', key, vars))).toBe('the email or password is wrong');
  });

  it('names the fields in error of a validation problem', () => {
    const failure = {
      kind: 'problem' as const,
      problem: {
        type: 'https://ksbb.jakarta.go.id/problems/bad-request',
        title: 'Bad Request',
        status: 400,
        code: 'validation_failed' as const,
        detail: '2 fields are invalid',
        errors: [
          { field: 'quantity', message: 'must be a positive integer' },
          { field: 'needId', message: 'must be a UUID' },
        ],
      },
    };
    expect(failureText(failure, (key, vars) => translate('id', key, vars))).toBe('Isian tidak valid: quantity, needId.');
  });
});
