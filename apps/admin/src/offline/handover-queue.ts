import type { Schemas } from '@ksbb/api-client';
import { api } from '../api/client';
import type { ApiFailure } from '../api/failure';
import { mutate } from '../api/mutate';
import { sessionStore } from '../auth/session-store';
import { uploadAttachment } from '../pages/handovers/upload-attachment';
import { queueStore, type QueuedHandover } from './queue-store';

export type { QueuedHandover };

/** What became of one attempt to send a handover. */
export type SendOutcome =
  | { kind: 'sent'; created: { id: string; bastNumber: string }; failedUploads: number }
  /** no answer, a server error, "still running" or "too many requests": kept on the device, tried again later */
  | { kind: 'waiting'; failure: ApiFailure }
  /** the API refused it (4xx): retrying would not help */
  | { kind: 'refused'; failure: ApiFailure };

export interface QueueSnapshot {
  /** the signed-in user's queued handovers, oldest first */
  entries: QueuedHandover[];
  sending: boolean;
}

/** Problems that may pass on their own: the same request, with the same key, is sent again later. */
export function isTransient(failure: ApiFailure): boolean {
  if (failure.kind === 'network') return true;
  if (failure.kind === 'unexpected') return failure.status === undefined || failure.status >= 500;
  const { status, code } = failure.problem;
  return (
    status >= 500 || status === 401 || status === 408 || status === 429 || code === 'idempotency_in_progress'
  );
}

let snapshot: QueueSnapshot = { entries: [], sending: false };
const listeners = new Set<() => void>();
const sentListeners = new Set<(outcome: Extract<SendOutcome, { kind: 'sent' }>) => void>();
/** keys being sent right now (the form, the online event and the button never send one entry twice at once) */
const inFlight = new Set<string>();
let draining: Promise<void> | null = null;

function userId(): string | null {
  const state = sessionStore.getState();
  return state.status === 'authenticated' ? (state.me.user?.id ?? null) : null;
}

function publish(next: Partial<QueueSnapshot>): void {
  snapshot = { ...snapshot, ...next };
  for (const listener of listeners) listener();
}

/** Read the queue again from IndexedDB (the signed-in user's entries only). */
export async function refreshQueue(): Promise<void> {
  const me = userId();
  const all = me ? await queueStore.all().catch(() => []) : [];
  publish({
    entries: all.filter((entry) => entry.userId === me).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt)),
  });
}

export const handoverQueue = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getSnapshot: (): QueueSnapshot => snapshot,
  /** Told of every handover the queue delivered (to show a toast where the user is). */
  onSent(listener: (outcome: Extract<SendOutcome, { kind: 'sent' }>) => void): () => void {
    sentListeners.add(listener);
    return () => sentListeners.delete(listener);
  },
};

/** A new queue entry for the form's values; the key is the form's Idempotency-Key. */
export function newEntry(
  key: string,
  body: Schemas['CreateHandoverRequest'],
  files: readonly File[],
): QueuedHandover {
  return {
    key,
    userId: userId() ?? '',
    queuedAt: new Date().toISOString(),
    body,
    files: files.map((file) => ({ name: file.name, type: file.type, blob: file })),
    uploaded: [],
  };
}

/** Keep the entry on the device (false when this browser cannot: private mode, storage disabled). */
export async function keep(entry: QueuedHandover): Promise<boolean> {
  try {
    await queueStore.put(entry);
    await refreshQueue();
    return true;
  } catch {
    return false;
  }
}

export async function discard(key: string): Promise<void> {
  await queueStore.remove(key).catch(() => undefined);
  await refreshQueue();
}

const save = (entry: QueuedHandover) => queueStore.put(entry).catch(() => undefined);

/**
 * Send one entry: create the handover with the entry's key (a replay answers the handover created before), then
 * each photo not yet attached with its own key. Progress is written back, so a later attempt resumes where this one
 * stopped. A sent entry leaves the queue; a refused one stays, marked, to be shown and discarded by the user.
 */
export async function sendEntry(
  entry: QueuedHandover,
  options: { onUpload?: (done: number, total: number) => void; quiet?: boolean } = {},
): Promise<SendOutcome> {
  if (inFlight.has(entry.key)) return { kind: 'waiting', failure: { kind: 'network' } };
  inFlight.add(entry.key);
  try {
    let created = entry.created;
    if (!created) {
      const answer = await mutate(() =>
        api.POST('/api/v1/handovers', {
          params: { header: { 'Idempotency-Key': entry.key } },
          body: entry.body,
        }),
      );
      if (!answer.ok) {
        if (isTransient(answer.failure)) return { kind: 'waiting', failure: answer.failure };
        const problem = answer.failure.kind === 'problem' ? answer.failure.problem : null;
        await save({
          ...entry,
          refused: { code: problem?.code ? String(problem.code) : undefined, detail: problem?.detail ?? '' },
        });
        return { kind: 'refused', failure: answer.failure };
      }
      created = { id: answer.data.id, bastNumber: answer.data.bastNumber };
      entry = { ...entry, created };
      await save(entry);
    }
    let failedUploads = 0;
    for (const [index, file] of entry.files.entries()) {
      if (entry.uploaded.includes(index)) continue;
      options.onUpload?.(index, entry.files.length);
      const uploaded = await uploadAttachment(
        created.id,
        file.blob,
        file.name,
        `${entry.key}:photo:${index}`,
      );
      if (!uploaded.ok && isTransient(uploaded.failure))
        return { kind: 'waiting', failure: uploaded.failure };
      if (!uploaded.ok) failedUploads += 1; // refused (type, size): sending it again would not help
      entry = { ...entry, uploaded: [...entry.uploaded, index] };
      await save(entry);
    }
    await queueStore.remove(entry.key).catch(() => undefined);
    const outcome = { kind: 'sent' as const, created, failedUploads };
    if (!options.quiet) for (const listener of sentListeners) listener(outcome);
    return outcome;
  } finally {
    inFlight.delete(entry.key);
    void refreshQueue();
  }
}

/** Send every waiting entry of the signed-in user, one after the other (one drain at a time). */
export function sendQueued(): Promise<void> {
  draining ??= (async () => {
    publish({ sending: true });
    try {
      await refreshQueue();
      for (const entry of snapshot.entries) {
        if (entry.refused || inFlight.has(entry.key)) continue;
        const outcome = await sendEntry(entry);
        if (outcome.kind === 'waiting' && outcome.failure.kind === 'network') break; // still offline
      }
    } finally {
      draining = null;
      publish({ sending: false });
      await refreshQueue();
    }
  })();
  return draining;
}

let started = false;

/**
 * Send the queue when the connection returns (the `online` event) and when a session starts (app start, sign-in).
 * Called once from main.tsx.
 */
export function startHandoverQueueSync(): void {
  if (started || typeof window === 'undefined' || typeof indexedDB === 'undefined') return;
  started = true;
  window.addEventListener('online', () => void sendQueued());
  let signedInAs: string | null = null;
  const onSession = () => {
    const me = userId();
    if (me === signedInAs) return;
    signedInAs = me;
    if (me && navigator.onLine) void sendQueued();
    else void refreshQueue();
  };
  sessionStore.subscribe(onSession);
  onSession();
}
