import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };
export type Schemas = components['schemas'];
export type ApiClient = Client<paths>;
export type { Middleware };

/** The typed KSBB API client, generated from libs/api-client/openapi.json (`npm run client`). */
export function createApiClient(options: ClientOptions = {}): ApiClient {
  return createClient<paths>(options);
}

/** RFC 9457 problem body returned by every error. */
export type Problem = Schemas['ProblemDto'];

export function isProblem(value: unknown): value is Problem {
  return !!value && typeof value === 'object' && 'status' in value && 'title' in value && 'detail' in value;
}
