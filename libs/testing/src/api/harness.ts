import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppConfig } from '@ksbb/core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DemoRole, testConfig } from '../config';
import { createTestDatabase } from '../database';

export interface TestApi {
  app: NestFastifyApplication;
  config: AppConfig;
  ds: DataSource;
  http: TestAgent;
  /** an access token of the seeded demo account of that role */
  tokenFor(role: DemoRole): Promise<string>;
  login(email: string, password?: string): Promise<{ accessToken: string; refreshToken: string }>;
  /** Every access and refresh token `login`/`tokenFor` obtained (to look for them where they must not be). */
  issuedTokens(): string[];
  /** listens on a free port and returns the base URL (for browsers and external clients) */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** How the API is built: the api app's `createApp`, handed in by the app (a library never imports an app). */
export type ApiFactory = (
  config: AppConfig,
  opts: { logger?: boolean; logDestination?: DestinationStream },
) => Promise<NestFastifyApplication>;

export type StartTestApi = (
  overrides?: Record<string, string>,
  opts?: { logDestination?: DestinationStream },
) => Promise<TestApi>;

/**
 * `startTestApi` for an app factory: the whole API on its own copy of the seeded database and its own Redis prefix.
 * With `logDestination` the API logs (at the configured LOG_LEVEL) into that stream; otherwise it does not log.
 */
export function makeStartTestApi(createApp: ApiFactory): StartTestApi {
  return (overrides = {}, opts = {}) => startTestApi(createApp, overrides, opts);
}

async function startTestApi(
  createApp: ApiFactory,
  overrides: Record<string, string>,
  opts: { logDestination?: DestinationStream },
): Promise<TestApi> {
  const db = await createTestDatabase();
  const config = testConfig(db.url, overrides);
  const app = await createApp(config, opts.logDestination ? { logDestination: opts.logDestination } : { logger: false });
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();
  const issued: string[] = [];
  const login = async (email: string, password = DEMO_PASSWORD) => {
    const res = await http.post('/api/v1/auth/login').send({ email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    issued.push(res.body.accessToken, res.body.refreshToken);
    return { accessToken: res.body.accessToken as string, refreshToken: res.body.refreshToken as string };
  };
  return {
    app,
    config,
    ds: app.get(DataSource),
    http,
    login,
    issuedTokens: () => [...issued],
    async tokenFor(role) {
      if (!tokens.has(role)) tokens.set(role, (await login(DEMO_ACCOUNTS[role])).accessToken);
      return tokens.get(role) as string;
    },
    async listen() {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.getHttpServer().address();
      return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
