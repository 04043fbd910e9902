import type { Schemas } from '@ksbb/api-client';
import { ROLES, type Role } from '../api/enums';

export type { Role };
export type Me = Schemas['MeResponse'];
export type TokenPair = Pick<Schemas['TokenPairResponse'], 'accessToken' | 'refreshToken'>;

/** Why the last session ended: shown on the login page. */
export type SessionEnd = 'logout' | 'expired';

export type SessionState =
  | { status: 'restoring' }
  | { status: 'anonymous'; ended?: SessionEnd }
  | { status: 'authenticated'; me: Me };

const REFRESH_TOKEN_KEY = 'ksbb.refreshToken';

/**
 * The signed-in session. The access token lives only in memory; the refresh token also in sessionStorage so a reload
 * of this tab can resume (it is single use: every refresh rotates it).
 */
function createSessionStore() {
  let accessToken: string | null = null;
  let refreshToken: string | null = readStoredRefreshToken();
  let state: SessionState = refreshToken ? { status: 'restoring' } : { status: 'anonymous' };
  const listeners = new Set<() => void>();

  function setState(next: SessionState) {
    state = next;
    for (const listener of listeners) listener();
  }

  return {
    getState: (): SessionState => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getAccessToken: () => accessToken,
    getRefreshToken: () => refreshToken,
    setTokens(pair: TokenPair) {
      accessToken = pair.accessToken;
      refreshToken = pair.refreshToken;
      writeStoredRefreshToken(refreshToken);
    },
    setMe(me: Me) {
      setState({ status: 'authenticated', me });
    },
    clear(ended: SessionEnd) {
      accessToken = null;
      refreshToken = null;
      writeStoredRefreshToken(null);
      setState({ status: 'anonymous', ended });
    },
  };
}

function readStoredRefreshToken(): string | null {
  try {
    return sessionStorage.getItem(REFRESH_TOKEN_KEY);
  } catch {
    return null;
  }
}

function writeStoredRefreshToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(REFRESH_TOKEN_KEY, token);
    else sessionStorage.removeItem(REFRESH_TOKEN_KEY);
  } catch {
    // storage disabled: the session simply does not survive a reload
  }
}

export const sessionStore = createSessionStore();

/** The caller's role as the app uses it (one role per user account). */
export function roleOf(me: Me): Role | null {
  const role = me.user?.role ?? me.roles[0];
  return isRole(role) ? role : null;
}

export function isRole(value: unknown): value is Role {
  return ROLES.includes(value as Role);
}
