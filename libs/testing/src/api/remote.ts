import request from 'supertest';
import type { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DemoRole } from '../config';
import type { TestApi } from './harness';

/**
 * The shared API helpers (`claimedAllocation`, `submittedHandover`, …) over an API running in another process, as the
 * admin's browser e2e start it: supertest on its URL, a connection to its database, and the demo accounts' tokens by
 * role, signed in once each. Only `http`, `ds` and `tokenFor` are there (what those helpers use). `tokens` is the
 * cache of tokens by role; pass your own to drop one that expired, so the next `tokenFor` signs in again.
 */
export function remoteTestApi(url: string, ds: DataSource, tokens = new Map<DemoRole, string>()): TestApi {
  const http = request(url);
  const tokenFor = async (role: DemoRole): Promise<string> => {
    if (!tokens.has(role)) {
      const res = await http.post('/api/v1/auth/login').send({ email: DEMO_ACCOUNTS[role], password: DEMO_PASSWORD });
      if (res.status !== 200) throw new Error(`login ${role}: ${res.status}`);
      tokens.set(role, res.body.accessToken);
    }
    return tokens.get(role) as string;
  };
  return { http, ds, tokenFor } as unknown as TestApi;
}
