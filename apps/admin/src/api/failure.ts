import { isProblem, type Problem } from '@ksbb/api-client';
import { id as idMessages, type MessageKey } from '../i18n/id';

/** Why an API call did not produce data. */
export type ApiFailure =
  | { kind: 'problem'; problem: Problem }
  | { kind: 'network' }
  | { kind: 'unexpected'; status?: number };

/** The failure behind an openapi-fetch `error` (a problem+json body, or anything else the server sent). */
export function failureFromError(error: unknown, response?: Response): ApiFailure {
  if (isProblem(error)) return { kind: 'problem', problem: error };
  return { kind: 'unexpected', status: response?.status };
}

/** A thrown error from the client: the request never got an answer. */
export function failureFromThrown(thrown: unknown): ApiFailure {
  return thrown instanceof TypeError ? { kind: 'network' } : { kind: 'unexpected' };
}

export function isAbort(thrown: unknown): boolean {
  return thrown instanceof DOMException && thrown.name === 'AbortError';
}

/** The admin's own message key of a problem's code (`problem.<code>`), when it has one. */
export function problemKey(problem: Problem): MessageKey | null {
  const key = `problem.${String(problem.code)}`;
  return problem.code && key in idMessages ? (key as MessageKey) : null;
}

/**
 * What to tell the user: the admin's own text for the problem's code (so it reads wholly in the admin's language),
 * else the server's `detail`; a translated generic message when there is no problem.
 */
export function failureText(
  failure: ApiFailure,
  t: (key: MessageKey, vars?: Record<string, string | number>) => string,
): string {
  switch (failure.kind) {
    case 'problem': {
      const key = problemKey(failure.problem);
      const fields = [...new Set((failure.problem.errors ?? []).map((e) => e.field))].join(', ');
      if (key) return t(key, { fields });
      return failure.problem.detail || failure.problem.title;
    }
    case 'network':
      return t('error.network');
    case 'unexpected':
      return t('error.unknown');
  }
}
