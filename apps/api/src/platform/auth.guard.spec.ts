import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Strategy } from 'passport-jwt';
import { AccountSessions, loadConfig, Principal, SessionState, TokenService } from '@ksbb/core';
import type { ApiKeyStrategy } from '../auth/api-key.strategy';
import { JwtStrategy } from '../auth/jwt.strategy';
import { Public, Roles } from './auth.decorators';
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

describe('AuthGuard: route metadata', () => {
  class Staff {
    open(): string { return "open"; }
    adminOnly(): string { return "adminOnly"; }
    anyRole(): string { return "anyRole"; }
  }
  Public()(Staff.prototype, 'open', Object.getOwnPropertyDescriptor(Staff.prototype, 'open') as PropertyDescriptor);
  Roles('admin')(Staff.prototype, 'adminOnly', Object.getOwnPropertyDescriptor(Staff.prototype, 'adminOnly') as PropertyDescriptor);
  @Public()
  class AllPublic {
    anyRole(): string { return "anyRole"; }
  }

  const contextOf = (cls: object, handler: () => string, principal: Principal | null) =>
    ({
      getHandler: () => handler,
      getClass: () => cls,
      switchToHttp: () => ({ getRequest: () => ({ headers: {}, principal, authenticatedEarly: true }), getResponse: () => ({}) }),
    }) as unknown as ExecutionContext;
  const operator: Principal = { kind: 'user', id: user.id, role: 'operator', collaboratorId: null, aggregatorId: null };
  const outcome = (p: Promise<boolean>) => p.then(String, (e: { status?: number }) => String(e.status));

  it('reads @Public and @Roles per handler and class, once, and answers each route by its own', async () => {
    const reflector = new Reflector();
    const reads = jest.spyOn(reflector, 'getAllAndOverride');
    const guard = new AuthGuard(reflector, new JwtStrategy(config, {} as AccountSessions), {} as ApiKeyStrategy, {} as AccountSessions);
    const p = Staff.prototype;
    for (let round = 0; round < 3; round++) {
      expect(await outcome(guard.canActivate(contextOf(Staff, p.open, null)))).toBe('true');
      expect(await outcome(guard.canActivate(contextOf(Staff, p.adminOnly, operator)))).toBe('403');
      expect(await outcome(guard.canActivate(contextOf(Staff, p.anyRole, operator)))).toBe('true');
      expect(await outcome(guard.canActivate(contextOf(Staff, p.anyRole, null)))).toBe('401');
      // the same function under another class takes that class's metadata
      expect(await outcome(guard.canActivate(contextOf(AllPublic, p.anyRole, null)))).toBe('true');
    }
    // two keys (public, roles) for each of the four handler-and-class pairs, on the first round only
    expect(reads).toHaveBeenCalledTimes(8);
  });
});
