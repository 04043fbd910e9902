import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import passport from 'passport';
import type { VerifiedCallback } from 'passport-jwt';
import { AccessClaims, AccountSessions, ForbiddenError, Principal, RequestContext, Role, UnauthenticatedError } from '@ksbb/core';
import { API_KEY_STRATEGY, ApiKeyStrategy, INVALID_API_KEY } from '../auth/api-key.strategy';
import { bearerToken, INVALID_ACCESS_TOKEN, JWT_STRATEGY, JwtStrategy, principalOf, VERIFIED_CLAIMS } from '../auth/jwt.strategy';
import { IS_PUBLIC, ROLES } from './auth.decorators';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    /** set once the credential was judged in `onRequest`, before the body (see body-limits.ts) */
    authenticatedEarly?: boolean;
  }
}

interface RouteAccess {
  isPublic: boolean;
  roles: readonly Role[];
}

type StrategyName = typeof JWT_STRATEGY | typeof API_KEY_STRATEGY;

/**
 * What a refusal answers when the strategy gave no reason of ours (passport-jwt's bad signature, expiry, issuer…):
 * the messages of passport and jsonwebtoken never reach the client.
 */
const REFUSED: Record<StrategyName, string> = { [JWT_STRATEGY]: INVALID_ACCESS_TOKEN, [API_KEY_STRATEGY]: INVALID_API_KEY };

/** Tokens kept per process; the oldest goes first. */
const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Access tokens this process has already verified (signature, HS256, issuer — facts of the token's bytes and the key,
 * which do not change), with their claims, so a client sending the same token again costs no HMAC, base64 and JSON
 * decoding and no passport run. What changes with time is checked on every request exactly as jsonwebtoken does:
 * the expiry (`exp`, no tolerance), and — through the same `principalOf` as the strategy — the account's session
 * (AccountSessions: session version, active, role), so a sign-out, password change, role change or deactivation
 * refuses a remembered token as it refuses a fresh one. Only tokens with an `exp` and without `nbf` are kept.
 */
class VerifiedTokens {
  private readonly tokens = new Map<string, AccessClaims & { exp: number }>();

  get(token: string): (AccessClaims & { exp: number }) | undefined {
    const claims = this.tokens.get(token);
    if (!claims) return undefined;
    // jsonwebtoken: expired once floor(now in seconds) >= exp
    if (Math.floor(Date.now() / 1000) < claims.exp) return claims;
    this.tokens.delete(token);
    return undefined;
  }

  remember(token: string, claims: (AccessClaims & { exp?: number; nbf?: number }) | undefined): void {
    if (!claims || typeof claims.exp !== 'number' || claims.nbf !== undefined || this.tokens.has(token)) return;
    if (this.tokens.size >= MAX_VERIFIED_TOKENS) this.tokens.delete(this.tokens.keys().next().value as string);
    this.tokens.set(token, claims as AccessClaims & { exp: number });
  }
}

/**
 * Global guard: a route is closed unless marked @Public. Accepts `Authorization: Bearer <JWT>` for users and
 * `X-API-Key` for aggregator systems, through their passport strategies, then checks the route's roles.
 *
 * The strategies run on this app's own Passport rather than on passport's process-wide instance (which
 * @nestjs/passport's AuthGuard uses): two apps in one process, as the tests run them, keep their own secret and
 * database.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly passport = new passport.Passport();
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly reflector: Reflector,
    jwt: JwtStrategy,
    apiKey: ApiKeyStrategy,
    private readonly sessions: AccountSessions,
  ) {
    this.passport.use(JWT_STRATEGY, jwt).use(API_KEY_STRATEGY, apiKey);
  }

  /** @Public and @Roles of each route, read once per handler and class (decorator metadata does not change). */
  private readonly access = new WeakMap<object, WeakMap<object, RouteAccess>>();

  private accessOf(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    const cls = context.getClass();
    let byHandler = this.access.get(cls);
    if (!byHandler) this.access.set(cls, (byHandler = new WeakMap()));
    let access = byHandler.get(handler);
    if (!access) {
      const targets = [handler, cls];
      access = {
        isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false,
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? [],
      };
      byHandler.set(handler, access);
    }
    return access;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, roles } = this.accessOf(context);
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const principal = request.authenticatedEarly
      ? (request.principal ?? null)
      : await this.authenticate(request, http.getResponse<FastifyReply>(), isPublic);
    if (principal) {
      request.principal = principal;
      RequestContext.setPrincipal(principal);
    }
    if (isPublic) return true;
    if (!principal) throw new UnauthenticatedError('authentication is required');
    if (roles.length > 0 && !roles.includes(principal.role as Role)) {
      throw new ForbiddenError('your role may not do this', { code: 'role_forbidden' });
    }
    return true;
  }

  /**
   * For a route that is not public, before its body is read: no credential or a bad one is refused (401) here, a good
   * one is kept for canActivate, which then checks the roles.
   */
  async authenticateEarly(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const principal = await this.authenticate(request, reply, false);
    if (!principal) throw new UnauthenticatedError('authentication is required');
    request.principal = principal;
    request.authenticatedEarly = true;
  }

  /**
   * The principal of the request's credential: a non-empty Authorization header is judged alone (a bad one is refused
   * even beside a good API key), else a non-empty X-API-Key. On public routes bad credentials are ignored rather than
   * refused.
   */
  private async authenticate(request: FastifyRequest, reply: FastifyReply, lenient: boolean): Promise<Principal | null> {
    const key = request.headers['x-api-key'];
    const strategy: StrategyName | null = request.headers.authorization
      ? JWT_STRATEGY
      : typeof key === 'string' && key
        ? API_KEY_STRATEGY
        : null;
    if (!strategy) return null;
    try {
      if (strategy !== JWT_STRATEGY) return await this.run(strategy, request, reply);
      const token = bearerToken(request.headers.authorization);
      const known = token ? this.verified.get(token) : undefined;
      if (known) return await this.settle(strategy, (done) => principalOf(this.sessions, known, done as VerifiedCallback));
      const principal = await this.run(strategy, request, reply);
      if (token) this.verified.remember(token, VERIFIED_CLAIMS.get(principal));
      return principal;
    } catch (e) {
      if (lenient) return null;
      throw e;
    }
  }

  /** One strategy through passport: its principal, its error as it is, or a refusal as an UnauthenticatedError. */
  private run(strategy: StrategyName, request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
    return this.settle(strategy, (done, reject) => {
      // Our strategies always decide; `next` runs only if one passed without deciding.
      const next = (err?: unknown): void => reject(err ?? new Error(`the ${strategy} strategy decided nothing`));
      this.passport.authenticate(strategy, { session: false }, done)(request, reply, next);
    });
  }

  /** A decision in passport's callback form (error, principal or false, challenge) as a principal or a refusal. */
  private settle(
    strategy: StrategyName,
    decide: (done: (err: unknown, principal?: Principal | false, challenge?: unknown) => void, reject: (e: unknown) => void) => void,
  ): Promise<Principal> {
    return new Promise((resolve, reject) => {
      const done = (err: unknown, principal?: Principal | false, challenge?: unknown): void => {
        if (err) reject(err);
        else if (principal) resolve(principal);
        else reject(challenge instanceof UnauthenticatedError ? challenge : new UnauthenticatedError(REFUSED[strategy], { code: strategy === JWT_STRATEGY ? 'access_token_invalid' : 'api_key_invalid' }));
      };
      decide(done, reject);
    });
  }
}
