import { createApiClient, type Middleware } from '@ksbb/api-client';
import { sessionStore } from '../auth/session-store';

/**
 * The one API client of the app. Requests go to the page's own origin (the dev server, preview and production proxy
 * `/api` to the API). All HTTP goes through this openapi-fetch client: no module calls the network directly.
 */
export const api = createApiClient({ baseUrl: '' });

/** Endpoints that take no bearer token and whose 401 means "wrong credentials", not "token expired". */
const ANONYMOUS_PATHS = new Set([
  '/api/v1/auth/login',
  '/api/v1/auth/refresh',
  '/api/v1/auth/register',
  '/api/v1/auth/verify-email',
]);
/** Endpoints whose 401 must not trigger a refresh-and-retry. */
const NO_RETRY_PATHS = new Set([...ANONYMOUS_PATHS, '/api/v1/auth/logout']);

/** Copies of request bodies, kept until the response arrives so a request can be sent again after a refresh. */
const replayableBodies = new Map<string, Request>();
/** Requests that are themselves retries: never retried again. */
const retries = new WeakSet<Request>();

let renewal: Promise<boolean> | null = null;

/**
 * Get a fresh access token with the refresh token, once for all concurrent callers (refresh tokens are single use:
 * presenting one twice revokes the session). Resolves false when the session could not be renewed.
 */
export function renewAccessToken(staleAccessToken: string | null): Promise<boolean> {
  const current = sessionStore.getAccessToken();
  if (current && current !== staleAccessToken) return Promise.resolve(true);
  renewal ??= refreshSession().finally(() => {
    renewal = null;
  });
  return renewal;
}

async function refreshSession(): Promise<boolean> {
  const refreshToken = sessionStore.getRefreshToken();
  if (!refreshToken) {
    sessionStore.clear('expired');
    return false;
  }
  let answer;
  try {
    answer = await api.POST('/api/v1/auth/refresh', { body: { refreshToken } });
  } catch {
    return false; // network failure: keep the session, the caller sees its original error
  }
  if (!answer.data) {
    sessionStore.clear('expired');
    return false;
  }
  sessionStore.setTokens(answer.data);
  return true;
}

type LooseRequest = (method: string, path: string, init: Record<string, unknown>) => Promise<unknown>;

/** Send the same request again through the client (new bearer from the middleware) and return its raw response. */
async function replay(
  original: Request,
  schemaPath: string,
  params: object,
  body?: Request,
): Promise<Response> {
  let raw: Response | undefined;
  const captureRawResponse: Middleware = {
    onResponse({ request, response }) {
      retries.add(request);
      raw = response.clone();
    },
  };
  const headers = new Headers(original.headers);
  headers.delete('Authorization');
  // schemaPath comes from a request this client already typed-checked, so the loose call is safe
  await (api.request as unknown as LooseRequest)(original.method, schemaPath, {
    params,
    headers,
    body: body ? await body.arrayBuffer() : undefined,
    bodySerializer: (bytes: unknown) => bytes,
    parseAs: 'stream',
    middleware: [captureRawResponse],
    signal: original.signal,
  });
  if (!raw) throw new Error(`retry of ${original.method} ${schemaPath} produced no response`);
  return raw;
}

const bearerAuth: Middleware = {
  onRequest({ request, schemaPath, id }) {
    if (ANONYMOUS_PATHS.has(schemaPath)) return undefined;
    const token = sessionStore.getAccessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    if (!NO_RETRY_PATHS.has(schemaPath) && request.method !== 'GET' && request.method !== 'HEAD') {
      replayableBodies.set(id, request.clone());
    }
    return request;
  },
  async onResponse({ request, response, schemaPath, params, id }) {
    const body = replayableBodies.get(id);
    replayableBodies.delete(id);
    if (response.status !== 401 || NO_RETRY_PATHS.has(schemaPath) || retries.has(request)) return undefined;
    const sentToken = request.headers.get('Authorization')?.replace(/^Bearer /, '') ?? null;
    if (!(await renewAccessToken(sentToken))) return undefined;
    return replay(request, schemaPath, params, body);
  },
  onError({ id }) {
    replayableBodies.delete(id);
    return undefined;
  },
};

api.use(bearerAuth);
