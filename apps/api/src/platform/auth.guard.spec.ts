import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Strategy } from 'passport-jwt';
import { AccountSessions, loadConfig, Principal, SessionState, TokenService } from '@ksbb/core';
import type { ApiKeyStrategy } from '../auth/api-key.strategy';
import { JwtStrategy } from '../auth/jwt.strategy';
import { AuthGuard } from './auth.guard';

type Verifier = (token: string, key: unknown, options: object, done: (err: unknown, payload?: unknown) => void) => void;

const config = loadConfig({ NODE_ENV: 'test' });
const user = { id: '6f1c1c56-0000-4000-8000-000000000002', role: 'operator' as const, collaboratorId: null, aggregatorId: null };
const live: SessionState = { sessionVersion: 3, active: true, role: 'operator', collaboratorId: null, aggregatorId: null };

/** A guard over one account whose state the test moves. */
function guardOver(state: { now: SessionState | null }): AuthGuard {
  const sessions = { state: async () => state.now } as unknown as AccountSessions;
  const apiKey = { authenticate: () => undefined } as unknown as ApiKeyStrategy;
  return new AuthGuard(new Reflector(), new JwtStrategy(config, sessions), apiKey, sessions);
}

async function principalOf(guard: AuthGuard, token: string): Promise<Principal | { refused: unknown }> {
  const request = { headers: { authorization: `Bearer ${token}` } } as unknown as FastifyRequest;
  try {
    await guard.authenticateEarly(request, {} as FastifyReply);
    return request.principal as Principal;
  } catch (e) {
    return { refused: e };
  }
}

describe('AuthGuard: access tokens already verified by this process', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('verifies a token once, and still holds every later use against the session as it is now', async () => {
    const verifier = jest.spyOn(Strategy as unknown as { JwtVerifier: Verifier }, 'JwtVerifier');
    const state = { now: live as SessionState | null };
    const guard = guardOver(state);
    const token = new TokenService(config).signAccess({ ...user, sessionVersion: 3 });
    expect(await principalOf(guard, token)).toMatchObject({ kind: 'user', id: user.id, role: 'operator' });
    expect(await principalOf(guard, token)).toMatchObject({ kind: 'user', id: user.id, role: 'operator' });
    expect(verifier).toHaveBeenCalledTimes(1);
    // the role comes from the account on every request, not from what was verified
    state.now = { ...live, role: 'viewer' };
    expect(await principalOf(guard, token)).toMatchObject({ role: 'viewer' });
    // a sign-out or password change (the session version moves on), a deactivation, a deleted account: refused
    for (const ended of [{ ...live, sessionVersion: 4 }, { ...live, active: false }, null]) {
      state.now = ended;
      expect(await principalOf(guard, token)).toMatchObject({ refused: { status: 401, code: 'session_ended' } });
    }
    expect(verifier).toHaveBeenCalledTimes(1);
  });

  it('refuses a remembered token once it has expired, as jsonwebtoken does', async () => {
    const guard = guardOver({ now: live });
    const token = new TokenService(config).signAccess({ ...user, sessionVersion: 3 });
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number };
    expect(await principalOf(guard, token)).toMatchObject({ id: user.id });
    jest.useFakeTimers({ now: exp * 1000 });
    expect(await principalOf(guard, token)).toMatchObject({ refused: { status: 401, code: 'access_token_invalid' } });
  });

  it('never takes a token that differs by a byte for a remembered one', async () => {
    const guard = guardOver({ now: live });
    const token = new TokenService(config).signAccess({ ...user, sessionVersion: 3 });
    expect(await principalOf(guard, token)).toMatchObject({ id: user.id });
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect(await principalOf(guard, token.slice(0, -1) + last)).toMatchObject({ refused: { status: 401, code: 'access_token_invalid' } });
  });
});
