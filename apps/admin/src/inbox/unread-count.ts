import { useSyncExternalStore } from 'react';
import { api } from '../api/client';

/**
 * The signed-in user's unread notification count, shared by the header's bell and the inbox page (marking read in
 * the inbox lowers the bell at once). `null` until the first answer.
 */
let count: number | null = null;
let inFlight: Promise<void> | null = null;
const listeners = new Set<() => void>();

function set(next: number | null): void {
  if (next === count) return;
  count = next;
  for (const listener of listeners) listener();
}

/** Ask the API (one `?unread=true&limit=1` read: its `meta.total`); a failure keeps the last count. */
export function refreshUnread(): Promise<void> {
  inFlight ??= api
    .GET('/api/v1/me/notifications', { params: { query: { unread: true, limit: 1 } } })
    .then(
      ({ data }) => {
        if (data) set(data.meta.total);
      },
      () => undefined,
    )
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

/** After marking read locally: lower the count without waiting for the next poll (never below zero). */
export function lowerUnread(by: number): void {
  if (count !== null) set(Math.max(0, count - by));
}

/** Forget the count (signed out). */
export function resetUnread(): void {
  set(null);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUnreadCount(): number | null {
  return useSyncExternalStore(subscribe, () => count);
}
