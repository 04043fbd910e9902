import { Inject, Injectable } from '@nestjs/common';
import { Strategy, VerifiedCallback } from 'passport-jwt';
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_ISSUER,
  AccessClaims,
  accessTokenKey,
  APP_CONFIG,
  AppConfig,
  Principal,
  UnauthenticatedError,
} from '@ksbb/core';

export const JWT_STRATEGY = 'jwt';
export const MALFORMED_AUTHORIZATION = 'the Authorization header must be "Bearer <token>"';
export const INVALID_ACCESS_TOKEN = 'the access token is invalid or expired';

const BEARER = /^Bearer\s+(\S+)$/i;

type Request = Parameters<Strategy['authenticate']>[0];

/**
 * Users' `Authorization: Bearer <access JWT>`, verified by passport-jwt: HS256 only, issuer `ksbb`, not expired, and an
 * access token (`typ`), never a refresh token. The secret is one KeyObject made here, which jsonwebtoken takes as it
 * is on every request instead of parsing a string.
 *
 * A refusal reaches the guard as passport's `fail`: with an UnauthenticatedError for a malformed header, and without a
 * reason of ours for a bad token (passport-jwt passes jsonwebtoken's error, which is never shown).
 */
@Injectable()
export class JwtStrategy extends Strategy {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const key = accessTokenKey(config);
    super(
      {
        jwtFromRequest: (req: Request) => BEARER.exec(req.headers.authorization ?? '')?.[1] ?? null,
        // @types/passport-jwt knows only strings and Buffers; passport-jwt hands the key to jsonwebtoken, which uses
        // a KeyObject as it is (a string or Buffer it would turn into a key again on every verify).
        secretOrKey: key as unknown as Buffer,
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: ACCESS_TOKEN_ISSUER,
      },
      principalOf,
    );
  }

  override authenticate(req: Request, options?: unknown): void {
    if (!BEARER.test(req.headers.authorization ?? '')) {
      this.fail(new UnauthenticatedError(MALFORMED_AUTHORIZATION), 401);
      return;
    }
    super.authenticate(req, options);
  }
}

/** The principal of a verified token, or a refusal when the signed claims are not those of an access token. */
function principalOf(claims: AccessClaims, done: VerifiedCallback): void {
  if (claims.typ !== 'access' || !claims.sub || !claims.role) {
    done(null, false);
    return;
  }
  const principal: Principal = { kind: 'user', id: claims.sub, role: claims.role, collaboratorId: claims.cid, aggregatorId: claims.aid };
  done(null, principal);
}
