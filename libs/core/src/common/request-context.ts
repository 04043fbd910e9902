import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from './roles';

export const PRINCIPAL_KINDS = ['user', 'api_key', 'system'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

/** Who is calling: a user with a bearer token, an aggregator system with an API key, or the system itself. */
export interface Principal {
  kind: PrincipalKind;
  /** user id, API key id, or null for the system */
  id: string | null;
  role: Role | null;
  collaboratorId: string | null;
  aggregatorId: string | null;
  /** The kelurahan a `kelurahan` officer is scoped to; absent or null for every other caller. */
  kelurahanCode?: string | null;
}

export interface RequestContextStore {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  principal: Principal | null;
  /**
   * The HTTP request (Node's IncomingMessage) when the context is an API request: the logger reads its method, path
   * and address only when it writes a line, for the `req` every line of the request carries.
   */
  http?: { method?: string; url?: string; socket?: { remoteAddress?: string } };
}

const storage = new AsyncLocalStorage<RequestContextStore>();

/** Per-request facts (request id, caller, IP) available to services and audit without threading them through. */
export const RequestContext = {
  run<T>(store: RequestContextStore, fn: () => T): T {
    return storage.run(store, fn);
  },
  current(): RequestContextStore | undefined {
    return storage.getStore();
  },
  setPrincipal(principal: Principal): void {
    const store = storage.getStore();
    if (store) store.principal = principal;
  },
};

export const SYSTEM_PRINCIPAL: Principal = {
  kind: 'system',
  id: null,
  role: null,
  collaboratorId: null,
  aggregatorId: null,
};
