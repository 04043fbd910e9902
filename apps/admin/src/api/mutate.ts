import { failureFromError, failureFromThrown, type ApiFailure } from './failure';
import type { ApiResult } from '../hooks/useApiQuery';

export type MutationResult<T> = { ok: true; data: T } | { ok: false; failure: ApiFailure };

/**
 * Run a changing API call and fold every outcome (data, problem, network error) into one result, so a form can show
 * the problem's `detail` and field errors instead of throwing.
 */
export async function mutate<T>(call: () => Promise<ApiResult<T>>): Promise<MutationResult<T>> {
  try {
    const { data, error, response } = await call();
    // a 204 has no body: its data is undefined yet the call succeeded
    if (response.ok) return { ok: true, data: data as T };
    return { ok: false, failure: failureFromError(error, response) };
  } catch (thrown) {
    return { ok: false, failure: failureFromThrown(thrown) };
  }
}

/** The problem's per-field messages keyed by field path (e.g. `quantity`, `contact.phone`, `items[0].unitValue`). */
export function fieldErrorsOf(failure: ApiFailure | null): Record<string, string> {
  if (!failure || failure.kind !== 'problem') return {};
  const errors: Record<string, string> = {};
  for (const { field, message } of failure.problem.errors ?? []) {
    errors[field] = errors[field] ? `${errors[field]}; ${message}` : message;
  }
  return errors;
}

/** A fresh Idempotency-Key for one user action: a double click or a retry after a timeout is applied once. */
export function idempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** The If-Match value for a resource version. */
export function ifMatch(version: number): string {
  return `"${version}"`;
}
