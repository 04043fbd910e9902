import { renderEventEmail } from '../notifications/email-template';
import { adminAppBaseUrl, emailVerificationLink, emailVerificationToken } from './email-verification-link';

const SECRET = { JWT_REFRESH_SECRET: 'x'.repeat(40) };
const ID = '3f0c5a7e-1b2d-4c3e-9f8a-7b6c5d4e3f21';

describe('email verification link', () => {
  it('points at the app the API serves in production, else at the first admin origin', () => {
    expect(adminAppBaseUrl({ ADMIN_DIST_DIR: '/app/dist', PUBLIC_BASE_URL: 'https://ksbb.example/', ADMIN_ORIGIN: 'http://x' })).toBe(
      'https://ksbb.example',
    );
    expect(adminAppBaseUrl({ ADMIN_DIST_DIR: '', PUBLIC_BASE_URL: 'https://ksbb.example', ADMIN_ORIGIN: 'http://a:4200, http://b' })).toBe(
      'http://a:4200',
    );
  });

  it('carries a token only the secret can make, the same each time it is rendered', () => {
    const token = emailVerificationToken(SECRET, ID);
    expect(token).toMatch(new RegExp(`^${ID}\\.[0-9a-f]{64}$`));
    expect(emailVerificationToken(SECRET, ID)).toBe(token);
    expect(emailVerificationToken({ JWT_REFRESH_SECRET: 'y'.repeat(40) }, ID)).not.toBe(token);
    const link = emailVerificationLink({ ...SECRET, ADMIN_DIST_DIR: '', PUBLIC_BASE_URL: 'http://p', ADMIN_ORIGIN: 'http://a' }, ID);
    expect(link).toBe(`http://a/verify-email?token=${token}`);
  });

  it('renders the email in the user language with the link clickable, and the in-app text without it', () => {
    const link = `http://a/verify-email?token=${emailVerificationToken(SECRET, ID)}`;
    const payload = { tokenId: ID, expiresAt: '2026-12-05T08:00:00.000Z' };
    const en = renderEventEmail('user.email_verification_requested', 'en', { ...payload, link });
    const id = renderEventEmail('user.email_verification_requested', 'id', { ...payload, link });
    expect(en.subject).toBe('[KSBB] Confirm your email address');
    expect(id.subject).toBe('[KSBB] Konfirmasi alamat email Anda');
    expect(en.text).toContain(link);
    expect(en.html).toContain(`<a href="${link}">`);
    expect(id.text).toContain('5 Desember 2026');
    expect(renderEventEmail('user.email_verification_requested', 'en', payload).text).not.toContain('verify-email');
  });
});
