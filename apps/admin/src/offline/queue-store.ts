import type { Schemas } from '@ksbb/api-client';

/**
 * A handover kept on the device until it reaches the API. Its `key` is the Idempotency-Key chosen when the form was
 * first submitted: every retry sends the same key (and each photo its own `key:photo:N`), so the API creates the
 * handover and each attachment once however often the queue tries.
 */
export interface QueuedHandover {
  key: string;
  /** the user who filled it in: only their session sends it */
  userId: string;
  /** when it was queued (ISO) */
  queuedAt: string;
  body: Schemas['CreateHandoverRequest'];
  /** photos and PDFs as Blobs (IndexedDB keeps them as they are) */
  files: { name: string; type: string; blob: Blob }[];
  /** set once the API created the handover: the photos still to send go to it */
  created?: { id: string; bastNumber: string };
  /** indexes of `files` already attached */
  uploaded: number[];
  /** the API refused it (a 4xx other than "try again later"): kept to be shown, never sent again */
  refused?: { code?: string; detail: string };
}

const DB_NAME = 'ksbb-offline';
const STORE = 'handovers';

let opening: Promise<IDBDatabase> | null = null;

/** Plain IndexedDB (no wrapper is installed; the four operations here need none). */
function database(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

async function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = act(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export const queueStore = {
  put: (entry: QueuedHandover) => run('readwrite', (store) => store.put(entry)).then(() => undefined),
  remove: (key: string) => run('readwrite', (store) => store.delete(key)).then(() => undefined),
  all: () => run<QueuedHandover[]>('readonly', (store) => store.getAll() as IDBRequest<QueuedHandover[]>),
};
