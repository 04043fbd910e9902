import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/config';
import {
  ConflictError,
  FieldError,
  ForbiddenError,
  InvalidInputError,
  TooManyRequestsError,
} from '../common/domain-errors';
import { sha256Hex } from '../common/hashing';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { emailVerificationToken } from './email-verification-link';
import { EmailVerificationsRepository } from './email-verifications.repository';

/** The outbox event whose email carries the link (the worker recomputes the link from the token id). */
export const EMAIL_VERIFICATION_EVENT = 'user.email_verification_requested';

/** At most one link a minute and RESEND_PER_HOUR an hour per account. */
const RESEND_GAP_SECONDS = 60;
const RESEND_PER_HOUR = 5;

const TOKEN_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[0-9a-f]{64}$/i;

const tokenError = (code: string, en: string, id: string): FieldError => ({
  field: 'token',
  message: en,
  code,
  messages: { en, id },
});

export const EMAIL_NOT_VERIFIED: FieldError = {
  field: 'email',
  message: 'confirm your email address first: open the link we emailed you',
  code: 'email_not_verified',
  messages: {
    en: 'confirm your email address first: open the link we emailed you',
    id: 'konfirmasi alamat email Anda terlebih dahulu: buka tautan yang kami kirim ke email Anda',
  },
};

/**
 * Proves that a self-registered user reads their mailbox: a single-use link that runs out after
 * EMAIL_VERIFICATION_TTL_HOURS, sent by email through the outbox; only its hash is stored.
 */
@Injectable()
export class EmailVerificationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly tokens: EmailVerificationsRepository,
  ) {}

  /** A new link for the user inside the caller's transaction (earlier ones stop working); emailed after commit. */
  async issue(tx: Tx, userId: string): Promise<void> {
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + this.config.EMAIL_VERIFICATION_TTL_HOURS * 3600_000);
    await this.tokens.expireOpen(tx.manager, userId);
    await this.tokens.insert(tx.manager, { id, userId, tokenHash: sha256Hex(emailVerificationToken(this.config, id)), expiresAt });
    await tx.emit({
      type: EMAIL_VERIFICATION_EVENT,
      aggregateType: 'user',
      aggregateId: userId,
      payload: { tokenId: id, expiresAt: expiresAt.toISOString() },
    });
  }

  /** Spends a link: 400 `verification_token_invalid`, `verification_token_used` or `verification_token_expired`. */
  async verify(token: string): Promise<void> {
    const row = TOKEN_SHAPE.test(token) ? await this.tokens.findByHash(sha256Hex(token.toLowerCase())) : null;
    if (!row) {
      throw new InvalidInputError('the verification link is not valid', [
        tokenError('verification_token_invalid', 'this verification link is not valid', 'tautan verifikasi ini tidak valid'),
      ]);
    }
    const used = (): never => {
      throw new InvalidInputError('the verification link was already used', [
        tokenError('verification_token_used', 'this verification link was already used', 'tautan verifikasi ini sudah pernah dipakai'),
      ]);
    };
    const expired = (): never => {
      throw new InvalidInputError('the verification link has expired', [
        tokenError(
          'verification_token_expired',
          'this verification link has expired: sign in and ask for a new one',
          'tautan verifikasi ini sudah kedaluwarsa: masuk dan minta tautan baru',
        ),
      ]);
    };
    if (row.usedAt) used();
    if (row.expiresAt.getTime() <= Date.now()) expired();
    await this.uow.run(async (tx) => {
      const userId = await this.tokens.consume(tx.manager, row.id);
      if (!userId) used();
      await tx.audit({ action: 'user.email_verified', entity: 'user', entityId: userId as string });
    });
  }

  /** Sends a new link to a signed-in user: 409 `email_already_verified`, 429 when asked too often. */
  async resend(userId: string): Promise<void> {
    if (await this.tokens.isVerified(undefined, userId)) {
      throw new ConflictError('the email address is already verified', [
        {
          field: 'email',
          message: 'your email address is already verified',
          code: 'email_already_verified',
          messages: { en: 'your email address is already verified', id: 'alamat email Anda sudah terverifikasi' },
        },
      ]);
    }
    const recent = await this.tokens.recent(userId, 3600);
    if (recent.newestAgeSeconds !== null && recent.newestAgeSeconds < RESEND_GAP_SECONDS) {
      throw new TooManyRequestsError('a verification email was sent a moment ago', Math.ceil(RESEND_GAP_SECONDS - recent.newestAgeSeconds));
    }
    if (recent.count >= RESEND_PER_HOUR) {
      throw new TooManyRequestsError('too many verification emails were sent within the hour', 3600);
    }
    await this.uow.run((tx) => this.issue(tx, userId));
  }

  isVerified(userId: string): Promise<boolean> {
    return this.tokens.isVerified(undefined, userId);
  }
}

/** 403 `email_not_verified` unless the user's email is verified. */
export function assertEmailVerified(verified: boolean): void {
  if (!verified) throw new ForbiddenError('the email address is not verified', [EMAIL_NOT_VERIFIED]);
}
