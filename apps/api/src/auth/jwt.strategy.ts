import { Inject, Injectable } from '@nestjs/common';
import { Strategy, VerifiedCallback } from 'passport-jwt';
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_ISSUER,
  AccessClaims,
  accessTokenKey,
  AccountSessions,
  APP_CONFIG,
  AppConfig,
  Principal,
  UnauthenticatedError,
} from '@ksbb/core';

export const JWT_STRATEGY = 'jwt';
export const MALFORMED_AUTHORIZATION = 'the Authorization header must be "Bearer <token>"';
export const INVALID_ACCESS_TOKEN = 'the access token is invalid or expired';
export const SESSION_ENDED = 'the session has ended (signed out, or the account was changed); sign in again';

const BEARER = /^Bearer\s+(\S+)$/i;

/** The token of an `Authorization: Bearer <token>` header, or null. */
export const bearerToken = (authorization: string | undefined): string | null => BEARER.exec(authorization ?? '')?.[1] ?? null;

/**
 * The verified claims each principal of this strategy came from (signature, algorithm, issuer and expiry checked by
 * jsonwebtoken): the guard keeps them per token (see VerifiedTokens in auth.guard.ts).
 */
export const VERIFIED_CLAIMS = new WeakMap<Principal, AccessClaims & { exp?: number; nbf?: number }>();

type Request = Parameters<Strategy['authenticate']>[0];

/**
 * Users' `Authorization: Bearer <access JWT>`, verified by passport-jwt: HS256 only, issuer `ksbb`, not expired, and an
 * access token (`typ`), never a refresh token. The secret is one KeyObject made here, which jsonwebtoken takes as it
 * is on every request instead of parsing a string.
 *
 * A verified token is then held against the account as it is now (`AccountSessions`, cached per replica and
 * invalidated through Redis): refused when the account is gone or inactive or its session version (`sv`) has moved
 * on — a role change, a deactivation, a password change or a sign-out. The principal's role and organisations are
 * the account's, never the token's.
 *
 * A refusal reaches the guard as passport's `fail`: with an UnauthenticatedError for a malformed header or an ended
 * session, and without a reason of ours for a bad token (passport-jwt passes jsonwebtoken's error, which is never
 * shown).
 */
@Injectable()
export class JwtStrategy extends Strategy {
  constructor(@Inject(APP_CONFIG) config: AppConfig, sessions: AccountSessions) {
    const key = accessTokenKey(config);
    super(
      {
        jwtFromRequest: (req: Request) => bearerToken(req.headers.authorization),
        // @types/passport-jwt knows only strings and Buffers; passport-jwt hands the key to jsonwebtoken, which uses
        // a KeyObject as it is (a string or Buffer it would turn into a key again on every verify).
        secretOrKey: key as unknown as Buffer,
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: ACCESS_TOKEN_ISSUER,
      },
      (claims: AccessClaims, done: VerifiedCallback) => principalOf(sessions, claims, done),
    );
  }

  override authenticate(req: Request, options?: unknown): void {
    if (!BEARER.test(req.headers.authorization ?? '')) {
      this.fail(new UnauthenticatedError(MALFORMED_AUTHORIZATION, { code: 'authorization_malformed' }), 401);
      return;
    }
    super.authenticate(req, options);
  }
}

/** The principal of a verified token whose session is still live, or a refusal. */
export function principalOf(sessions: AccountSessions, claims: AccessClaims, done: VerifiedCallback): void {
  if (claims.typ !== 'access' || !claims.sub || !claims.role || !Number.isInteger(claims.sv)) {
    done(null, false);
    return;
  }
  sessions.state(claims.sub).then((account) => {
    if (!account || !account.active || account.sessionVersion !== claims.sv) {
      done(null, false, new UnauthenticatedError(SESSION_ENDED, { code: 'session_ended' }));
      return;
    }
    const principal: Principal = {
      kind: 'user',
      id: claims.sub,
      role: account.role,
      collaboratorId: account.collaboratorId,
      aggregatorId: account.aggregatorId,
      kelurahanCode: account.kelurahanCode ?? null,
    };
    VERIFIED_CLAIMS.set(principal, claims);
    done(null, principal);
  }, done);
}
