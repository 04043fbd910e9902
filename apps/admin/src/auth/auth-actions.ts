import type { Schemas } from '@ksbb/api-client';
import { api, renewAccessToken } from '../api/client';
import { failureFromError, failureFromThrown, type ApiFailure } from '../api/failure';
import { sessionStore } from './session-store';

/** Sign in; resolves null on success or the reason it failed. */
export async function login(email: string, password: string): Promise<ApiFailure | null> {
  try {
    const { data, error, response } = await api.POST('/api/v1/auth/login', { body: { email, password } });
    if (!data) return failureFromError(error, response);
    sessionStore.setTokens(data);
    await loadCurrentUser(data.user);
    return null;
  } catch (thrown) {
    return failureFromThrown(thrown);
  }
}

/** Revoke the session on the server (best effort) and forget it here. */
export async function logout(): Promise<void> {
  const refreshToken = sessionStore.getRefreshToken();
  if (refreshToken) {
    try {
      await api.POST('/api/v1/auth/logout', { body: { refreshToken } });
    } catch {
      // offline: the tokens are dropped locally anyway and the refresh token expires on its own
    }
  }
  sessionStore.clear('logout');
}

let restoring: Promise<void> | null = null;

/** After a reload: trade the stored refresh token for a new pair and load the user. Runs once. */
export function restoreSession(): Promise<void> {
  restoring ??= (async () => {
    if (sessionStore.getState().status !== 'restoring') return;
    const renewed = await renewAccessToken(null);
    if (!renewed) {
      if (sessionStore.getState().status === 'restoring') sessionStore.clear('expired');
      return;
    }
    await loadCurrentUser();
  })();
  return restoring;
}

/** GET /auth/me; when it cannot be read right after login, the login response's user is enough to start. */
async function loadCurrentUser(fallbackUser?: Schemas['UserResponse']): Promise<void> {
  let me: Schemas['MeResponse'] | undefined;
  try {
    me = (await api.GET('/api/v1/auth/me')).data;
  } catch {
    me = undefined;
  }
  if (me) sessionStore.setMe(me);
  else if (fallbackUser) {
    sessionStore.setMe({
      kind: 'user',
      user: fallbackUser,
      roles: [fallbackUser.role],
      collaborator: null,
      aggregator: null,
      // unknown until /auth/me answers; only the sign-up status page and signing depend on it, and both ask again
      emailVerified: true,
    });
  } else if (sessionStore.getState().status !== 'anonymous') sessionStore.clear('expired');
}
