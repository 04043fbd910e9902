import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UnauthenticatedError } from '../common/domain-errors';
import type { Principal } from '../common/request-context';
import type { Role } from '../users/user.entity';

interface AccessClaims {
  sub: string;
  role: Role;
  cid: string | null;
  aid: string | null;
  typ: 'access';
}

/** Short-lived access JWTs, HS256 only: the algorithm is pinned on both signing and verification. */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const key = createSecretKey(Buffer.from(config.JWT_ACCESS_SECRET, 'utf8'));
    this.jwt = new JwtService({
      // A KeyObject made once: given a string, jsonwebtoken tries to parse it as a public key on every verify
      // (a quarter of the CPU of an authenticated GET).
      secretOrKeyProvider: () => key,
      signOptions: { algorithm: 'HS256', expiresIn: config.JWT_ACCESS_TTL_SECONDS, issuer: 'ksbb' },
      verifyOptions: { algorithms: ['HS256'], issuer: 'ksbb' },
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
