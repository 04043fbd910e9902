import { KeyObject } from 'node:crypto';
import passport from 'passport';
import { Strategy } from 'passport-jwt';
import { AccountSessions, loadConfig, Principal, SessionState, TokenService } from '@ksbb/core';
import { JWT_STRATEGY, JwtStrategy } from './jwt.strategy';

type Verifier = (token: string, key: unknown, options: object, done: (err: unknown, payload?: unknown) => void) => void;

const config = loadConfig({ NODE_ENV: 'test' });
const user = { id: '6f1c1c56-0000-4000-8000-000000000001', role: 'operator' as const, collaboratorId: null, aggregatorId: null };
const account: SessionState = { sessionVersion: 3, active: true, role: 'operator', collaboratorId: null, aggregatorId: null };
const signed = { ...user, sessionVersion: 3 };

/** The accounts as the strategy sees them: this one account, in the given state. */
const sessionsOf = (state: SessionState | null = account): AccountSessions =>
  ({ state: async () => state }) as unknown as AccountSessions;

/** Runs the strategy as the guard does, through a Passport of its own. */
function authenticate(strategy: JwtStrategy, authorization: string): Promise<{ principal: Principal | false; challenge?: unknown }> {
  const pp = new passport.Passport().use(JWT_STRATEGY, strategy);
  return new Promise((resolve, reject) => {
    pp.authenticate(JWT_STRATEGY, { session: false }, (err: unknown, principal: Principal | false, challenge?: unknown) =>
      err ? reject(err) : resolve({ principal, challenge }),
    )({ headers: { authorization } }, {}, reject);
  });
}

describe('JwtStrategy', () => {
  afterEach(() => jest.restoreAllMocks());

  it('turns an access token TokenService signed into the user principal', async () => {
    const token = new TokenService(config).signAccess(signed);
    expect(await authenticate(new JwtStrategy(config, sessionsOf()), `Bearer ${token}`)).toEqual({
      principal: { kind: 'user', ...user, kelurahanCode: null },
      challenge: undefined,
    });
  });

  it('takes the role from the account, and refuses the token once the session version moved on or the account is inactive', async () => {
    const token = new TokenService(config).signAccess(signed);
    const viewer = await authenticate(new JwtStrategy(config, sessionsOf({ ...account, role: 'viewer' })), `Bearer ${token}`);
    expect(viewer.principal).toMatchObject({ id: user.id, role: 'viewer' });
    for (const state of [{ ...account, sessionVersion: 4 }, { ...account, active: false }, null]) {
      const { principal, challenge } = await authenticate(new JwtStrategy(config, sessionsOf(state)), `Bearer ${token}`);
      expect(principal).toBe(false);
      expect(challenge).toMatchObject({ status: 401, message: expect.stringMatching(/session has ended/) });
    }
  });

  it('hands jsonwebtoken one prepared KeyObject, the same on every request, with HS256 and the issuer pinned', async () => {
    const holder = Strategy as unknown as { JwtVerifier: Verifier };
    const verifier = jest.spyOn(holder, 'JwtVerifier');
    const strategy = new JwtStrategy(config, sessionsOf());
    const token = new TokenService(config).signAccess(signed);
    await authenticate(strategy, `Bearer ${token}`);
    await authenticate(strategy, `Bearer ${token}`);
    expect(verifier).toHaveBeenCalledTimes(2);
    const [[, first, options], [, second]] = verifier.mock.calls;
    expect(first).toBeInstanceOf(KeyObject);
    expect((first as KeyObject).type).toBe('secret');
    expect((first as KeyObject).export().toString('utf8')).toBe(config.JWT_ACCESS_SECRET);
    expect(second).toBe(first);
    expect(options).toMatchObject({ algorithms: ['HS256'], issuer: 'ksbb', ignoreExpiration: false });
  });

  it('refuses a malformed header before verifying anything, with its own reason', async () => {
    const verifier = jest.spyOn(Strategy as unknown as { JwtVerifier: Verifier }, 'JwtVerifier');
    const { principal, challenge } = await authenticate(new JwtStrategy(config, sessionsOf()), 'Basic YWRtaW46eA==');
    expect(principal).toBe(false);
    expect(challenge).toMatchObject({ status: 401, message: 'the Authorization header must be "Bearer <token>"' });
    expect(verifier).not.toHaveBeenCalled();
  });
});
