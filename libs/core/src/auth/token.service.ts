import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey, KeyObject } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { Role } from '../users/user.entity';

/** The claims of an access token; the API's JWT strategy verifies what `TokenService` signs. */
export interface AccessClaims {
  sub: string;
  role: Role;
  cid: string | null;
  aid: string | null;
  /** The account's session version when the token was signed; the guard refuses the token once it has moved on. */
  sv: number;
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

/** Signs the short-lived access JWTs; the API verifies them with its passport-jwt strategy. */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const key = accessTokenKey(config);
    this.jwt = new JwtService({
      secretOrKeyProvider: () => key,
      signOptions: { algorithm: ACCESS_TOKEN_ALGORITHM, expiresIn: config.JWT_ACCESS_TTL_SECONDS, issuer: ACCESS_TOKEN_ISSUER },
    });
  }

  get accessTtlSeconds(): number {
    return this.config.JWT_ACCESS_TTL_SECONDS;
  }

  signAccess(user: { id: string; role: Role; collaboratorId: string | null; aggregatorId: string | null; sessionVersion: number }): string {
    const claims: AccessClaims = {
      sub: user.id,
      role: user.role,
      cid: user.collaboratorId,
      aid: user.aggregatorId,
      sv: user.sessionVersion,
      typ: 'access',
    };
    return this.jwt.sign(claims);
  }
}
