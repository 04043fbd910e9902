import type { AppConfig } from '../config/config';
import { hmacSha256Hex } from '../common/hashing';

/**
 * The verification link's token is `<id>.<HMAC(secret, id)>`: the database keeps only its SHA-256 (and the id in the
 * outbox event), and the worker recomputes the token when it renders the email, so neither a database copy nor the
 * outbox holds a usable link.
 */
export function emailVerificationToken(config: Pick<AppConfig, 'JWT_REFRESH_SECRET'>, tokenId: string): string {
  return `${tokenId}.${hmacSha256Hex(config.JWT_REFRESH_SECRET, `email-verification:${tokenId}`)}`;
}

/**
 * Where the admin app answers: on PUBLIC_BASE_URL when the API serves the built app (ADMIN_DIST_DIR, production),
 * otherwise the first ADMIN_ORIGIN (development: Vite's server).
 */
export function adminAppBaseUrl(config: Pick<AppConfig, 'ADMIN_DIST_DIR' | 'PUBLIC_BASE_URL' | 'ADMIN_ORIGIN'>): string {
  const base = config.ADMIN_DIST_DIR ? config.PUBLIC_BASE_URL : config.ADMIN_ORIGIN.split(',')[0].trim();
  return base.replace(/\/+$/, '');
}

export type EmailLinkConfig = Pick<AppConfig, 'JWT_REFRESH_SECRET' | 'ADMIN_DIST_DIR' | 'PUBLIC_BASE_URL' | 'ADMIN_ORIGIN'>;

export function emailVerificationLink(config: EmailLinkConfig, tokenId: string): string {
  return `${adminAppBaseUrl(config)}/verify-email?token=${encodeURIComponent(emailVerificationToken(config, tokenId))}`;
}
