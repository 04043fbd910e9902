import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey, KeyObject } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UnauthenticatedError } from '../common/domain-errors';
import type { Principal } from '../common/request-context';
import type { Role } from '../users/user.entity';

/** The claims of an access token; the API's JWT strategy verifies what `TokenService` signs. */
export interface AccessClaims {
  sub: string;
  role: Role;
  cid: string | null;
  aid: string | null;
  typ: 'access';
}

/** Access tokens are HS256 only (pinned on signing and on verification) and name this issuer. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';
export const ACCESS_TOKEN_ISSUER = 'ksbb';

/**
 * The access-token secret as a KeyObject, to be made once and kept: given the secret as a string, jsonwebtoken tries
 * to parse it as a public key on every verify (a quarter of the CPU of an authenticated GET).
 */
export function accessTokenKey(config: Pick<AppConfig, 'JWT_ACCESS_SECRET'>): KeyObject {
  return createSecretKey(Buffer.from(config.JWT_ACCESS_SECRET, 'utf8'));
}

/** Short-lived access JWTs, HS256 only: the algorithm is pinned on both signing and verification. */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const key = accessTokenKey(config);
    this.jwt = new JwtService({
      secretOrKeyProvider: () => key,
      signOptions: { algorithm: ACCESS_TOKEN_ALGORITHM, expiresIn: config.JWT_ACCESS_TTL_SECONDS, issuer: ACCESS_TOKEN_ISSUER },
      verifyOptions: { algorithms: [ACCESS_TOKEN_ALGORITHM], issuer: ACCESS_TOKEN_ISSUER },
    });
  }

  get accessTtlSeconds(): number {
    return this.config.JWT_ACCESS_TTL_SECONDS;
  }

  signAccess(user: { id: string; role: Role; collaboratorId: string | null; aggregatorId: string | null }): string {
    const claims: AccessClaims = {
      sub: user.id,
      role: user.role,
      cid: user.collaboratorId,
      aid: user.aggregatorId,
      typ: 'access',
    };
    return this.jwt.sign(claims);
  }

  verifyAccess(token: string): Principal {
    let claims: AccessClaims;
    try {
      claims = this.jwt.verify<AccessClaims>(token);
    } catch {
      throw new UnauthenticatedError('the access token is invalid or expired');
    }
    if (claims.typ !== 'access' || !claims.sub || !claims.role) {
      throw new UnauthenticatedError('the access token is invalid or expired');
    }
    return { kind: 'user', id: claims.sub, role: claims.role, collaboratorId: claims.cid, aggregatorId: claims.aid };
  }
}
