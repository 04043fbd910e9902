import { isProblem, type Problem } from '@ksbb/api-client';
import type { MessageKey } from '../i18n/id';

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

/** What to tell the user: the server's `detail` when there is one, otherwise a translated generic message. */
export function failureText(failure: ApiFailure, t: (key: MessageKey) => string): string {
  switch (failure.kind) {
    case 'problem':
      return failure.problem.detail || failure.problem.title;
    case 'network':
      return t('error.network');
    case 'unexpected':
      return t('error.unknown');
  }
}
