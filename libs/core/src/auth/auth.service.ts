import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ConflictError, UnauthenticatedError } from '../common/domain-errors';
import { normaliseEmail } from '../common/email-address';
import { safeEqualHex, sha256Hex } from '../common/hashing';
import { RequestContext } from '../common/request-context';
import { isUuid } from '../common/uuid';
import { UnitOfWork } from '../database/unit-of-work';
import { CollaboratorType } from '../collaborators/collaborator.entity';
import { Language, User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { dummyPasswordHash, hashNewPassword, verifyPassword } from '../users/password';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { RegistrationsRepository } from './registrations.repository';
import { LoginThrottle } from './login-throttle';
import { TokenService } from './token.service';
import { EmailVerificationService } from './email-verification.service';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

export interface RegistrationInput {
  email: string;
  password: string;
  name: string;
  language?: Language;
  collaborator: {
    type: CollaboratorType;
    name: string;
    country?: string;
    registrationNumber?: string;
    taxNumber?: string;
    phone?: string;
    address?: string;
    picName?: string;
    publicOptIn?: boolean;
  };
}

const INVALID_CREDENTIALS = 'the email or password is wrong';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly users: UsersService,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly registrations: RegistrationsRepository,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly emailVerification: EmailVerificationService,
  ) {}

  /**
   * Self-service sign-up: a collaborator user and its organisation, pending Pokja verification, and an email with
   * the link that verifies the address.
   */
  async register(input: RegistrationInput): Promise<{ user: User; collaboratorId: string }> {
    const email = normaliseEmail(input.email);
    const passwordHash = await hashNewPassword(input.password, { email, name: [input.name, input.collaborator.name].join(' ') });
    return this.uow.run(async (tx) => {
      if (await this.users.findByEmail(email, tx.manager)) {
        throw new ConflictError('an account with this email already exists', { code: 'email_taken' });
      }
      const c = input.collaborator;
      const collaboratorId = await this.registrations.insertCollaborator(tx.manager, {
        type: c.type,
        name: c.name,
        country: (c.country ?? 'ID').toUpperCase(),
        registrationNumber: c.registrationNumber ?? null,
        taxNumber: c.taxNumber ?? null,
        email,
        phone: c.phone ?? null,
        address: c.address ?? null,
        picName: c.picName ?? input.name,
        publicOptIn: c.publicOptIn ?? false,
      });
      const user = await this.users.insertInTransaction(tx.manager, {
        email,
        passwordHash,
        name: input.name,
        role: 'collaborator',
        collaboratorId,
        language: input.language ?? 'id',
        // Self sign-up proves the mailbox (EmailVerificationService) before the account may sign a commitment.
        emailVerifiedAt: null,
      });
      await tx.audit({ action: 'collaborator.registered', entity: 'collaborator', entityId: collaboratorId, after: c });
      await tx.audit({ action: 'user.created', entity: 'user', entityId: user.id, after: user });
      await tx.emit({
        type: 'collaborator.registered',
        aggregateType: 'collaborator',
        aggregateId: collaboratorId,
        payload: { collaboratorId, userId: user.id, type: c.type },
      });
      await this.emailVerification.issue(tx, user.id);
      return { user, collaboratorId };
    });
  }

  /**
   * Throttled per account and address and per address (429), and slowed per account under attack (see LoginThrottle),
   * so that strangers cannot lock the owner out; the same answer and similar timing for unknown accounts.
   */
  async login(emailRaw: string, password: string): Promise<{ user: User; tokens: TokenPair }> {
    const email = normaliseEmail(emailRaw);
    const attempt = await this.throttle.admit(email, RequestContext.current()?.ip ?? 'unknown');
    const user = await this.users.findByEmail(email);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok || !user.active) {
      throw new UnauthenticatedError(INVALID_CREDENTIALS, { code: 'invalid_credentials' });
    }
    await this.throttle.succeeded(attempt);
    await this.users.touchLogin(user.id);
    const tokens = await this.issue(user, randomUUID());
    // recorded against the account that logged in (the request itself has no principal yet)
    await this.uow.run((tx) =>
      tx.audit({
        action: 'auth.login',
        entity: 'user',
        entityId: user.id,
        actor: { kind: 'user', id: user.id, role: user.role },
      }),
    );
    return { user, tokens };
  }

  /** Rotates the refresh token. Re-using a spent token revokes its whole family (it was probably stolen). */
  async refresh(presented: string): Promise<TokenPair> {
    const parsed = parseRefreshToken(presented);
    const row = parsed && (await this.refreshTokens.find(parsed.id));
    if (!parsed || !row || !safeEqualHex(row.tokenHash, sha256Hex(parsed.secret))) {
      throw new UnauthenticatedError('the refresh token is invalid', { code: 'refresh_token_invalid' });
    }
    if (row.usedAt || row.revokedAt) {
      if (!row.revokedAt) {
        await this.refreshTokens.revokeFamily(row.familyId);
        await this.uow.run((tx) =>
          tx.audit({ action: 'auth.refresh_reuse_detected', entity: 'user', entityId: row.userId, after: { familyId: row.familyId } }),
        );
      }
      throw new UnauthenticatedError('the refresh token has already been used; the session was revoked', { code: 'refresh_token_reused' });
    }
    if (row.expiresAt.getTime() <= Date.now()) throw new UnauthenticatedError('the refresh token has expired', { code: 'refresh_token_expired' });
    const user = await this.users.findById(row.userId);
    if (!user || !user.active) throw new UnauthenticatedError('the refresh token is invalid', { code: 'refresh_token_invalid' });
    return this.uow.run(async (tx) => {
      if (!(await this.refreshTokens.consume(tx.manager, row.id))) {
        await this.refreshTokens.revokeFamily(row.familyId);
        throw new UnauthenticatedError('the refresh token has already been used; the session was revoked', { code: 'refresh_token_reused' });
      }
      return this.issue(user, row.familyId, tx.manager);
    });
  }

  /**
   * Signs out: the presented token's family is revoked and every access token of the account is refused from now on,
   * on every replica (the account's other sessions get a new access token by refreshing theirs).
   */
  async logout(presented: string): Promise<void> {
    const parsed = parseRefreshToken(presented);
    const row = parsed && (await this.refreshTokens.find(parsed.id));
    if (!parsed || !row || !safeEqualHex(row.tokenHash, sha256Hex(parsed.secret))) return;
    await this.refreshTokens.revokeFamily(row.familyId);
    await this.users.endAccessTokens(row.userId);
    await this.uow.run((tx) => tx.audit({ action: 'auth.logout', entity: 'user', entityId: row.userId }));
  }

  private async issue(
    user: User,
    familyId: string,
    manager?: Parameters<RefreshTokensRepository['insert']>[0],
  ): Promise<TokenPair> {
    const secret = randomBytes(32).toString('base64url');
    const id = await this.refreshTokens.insert(manager, {
      userId: user.id,
      familyId,
      tokenHash: sha256Hex(secret),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TTL_DAYS * 86400_000),
    });
    return {
      accessToken: this.tokens.signAccess(user),
      refreshToken: `${id}.${secret}`,
      expiresIn: this.tokens.accessTtlSeconds,
      tokenType: 'Bearer',
    };
  }
}

function parseRefreshToken(token: string): { id: string; secret: string } | null {
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const id = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  return isUuid(id) && secret.length >= 20 ? { id, secret } : null;
}
