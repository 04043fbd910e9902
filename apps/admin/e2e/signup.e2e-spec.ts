import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, deleteRedisKeys, testConfig, waitFor } from '@ksbb/testing';
import { SmtpPeer, startSmtpPeer } from '@ksbb/testing/notifications';
import { startApiProcess, startWorkerProcess, type ApiProcess, type WorkerProcess } from '@ksbb/testing/processes';
import { ensureAdminBuild } from './support/admin-build';
import { SCREENSHOTS, screenshot, useLanguage } from './support/browser';
import { startSpaServer, type SpaServer } from './support/spa-server';

/**
 * Self sign-up in Chromium against the real API, worker and an SMTP peer: the sign-up page (the API's password
 * feedback), the status page, the verification email's link, then Pokja's verification, on a laptop and a phone.
 */

const TEXT = {
  id: {
    signupLink: 'Belum punya akun? Daftar sebagai kolaborator',
    title: 'Daftar sebagai kolaborator',
    name: 'Nama lengkap',
    email: 'Email',
    password: 'Kata sandi',
    type: 'Jenis kolaborator',
    orgName: 'Nama perusahaan',
    npwp: 'NPWP',
    pic: 'Penanggung jawab',
    terms: /Saya menyetujui syarat dan ketentuan/,
    submit: 'Daftar',
    weakPassword: /terlalu mudah ditebak/,
    statusTitle: 'Langkah selanjutnya',
    emailPending: /Buka tautan yang kami kirim/,
    emailDone: 'Email Anda sudah terkonfirmasi.',
    orgPending: /sedang memeriksa data/,
    orgVerified: /sudah diverifikasi Pokja/,
    verified: 'Terima kasih, alamat email Anda sudah terkonfirmasi.',
    next: 'Lihat langkah selanjutnya',
    refresh: 'Periksa lagi',
    newCommitment: 'Buat komitmen',
  },
  en: {
    signupLink: 'No account yet? Sign up as a collaborator',
    title: 'Sign up as a collaborator',
    name: 'Full name',
    email: 'Email',
    password: 'Password',
    type: 'Type of collaborator',
    orgName: 'Company name',
    npwp: 'Tax number (NPWP)',
    pic: 'Person in charge',
    terms: /I accept the KSBB terms and conditions/,
    submit: 'Sign up',
    weakPassword: /too easy to guess/,
    statusTitle: 'What happens next',
    emailPending: /Open the link we sent/,
    emailDone: 'Your email address is confirmed.',
    orgPending: /is checking the details/,
    orgVerified: /is verified by Pokja/,
    verified: 'Thank you, your email address is confirmed.',
    next: 'See what happens next',
    refresh: 'Check again',
    newCommitment: 'Create a commitment',
  },
} as const;

let api: ApiProcess;
let spa: SpaServer;
let smtp: SmtpPeer;
let worker: WorkerProcess;
let browser: Browser;

beforeAll(async () => {
  const distDir = ensureAdminBuild();
  api = await startApiProcess();
  spa = await startSpaServer(distDir, api.url);
  smtp = await startSmtpPeer();
  // the worker writes the links: to the SPA under test
  worker = await startWorkerProcess(testConfig(api.databaseUrl), { SMTP_URL: smtp.url, ADMIN_ORIGIN: spa.url });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.kill('SIGTERM');
  await smtp?.close();
  await spa?.close();
  if (api) await deleteRedisKeys(testConfig(api.databaseUrl).REDIS_PREFIX);
  await api?.close();
});

/** The fields of the answers this file reads. */
interface ApiBody {
  accessToken: string;
  emailVerified: boolean;
  collaborator: { id: string; status: string };
}

async function callApi(
  method: 'GET' | 'POST',
  path: string,
  init: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: ApiBody }> {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: method === 'POST' ? JSON.stringify(init.body ?? {}) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as ApiBody };
}

const tokenOf = async (email: string, password: string): Promise<string> => {
  const res = await callApi('POST', '/api/v1/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return res.body.accessToken;
};

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe.each([
  { language: 'id' as const, viewport: { width: 1366, height: 768 }, device: 'desktop' },
  { language: 'en' as const, viewport: { width: 390, height: 844 }, device: 'phone' },
])('self sign-up ($language, $device)', ({ language, viewport, device }) => {
  const text = TEXT[language];
  const email = `signup-${device}-${randomBytes(3).toString('hex')}@example.org`;
  const password = 'Gotong-Royong-Bersama-2026';

  it('signs up from the login page, confirms the email from the link, and sees Pokja verify the organisation', async () => {
    const context = await browser.newContext({ baseURL: spa.url, viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    try {
      await page.goto('/login');
      if (language === 'en') await useLanguage(page, 'en');
      await page.getByRole('link', { name: text.signupLink }).click();
      await page.getByRole('heading', { level: 1, name: text.title }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/signup');

      await page.getByLabel(text.name, { exact: true }).fill('Rina Wijaya');
      await page.getByLabel(text.email, { exact: true }).fill(email);
      await page.getByLabel(text.password, { exact: true }).fill('password123');
      await page.getByLabel(text.type, { exact: true }).selectOption('business');
      await page.getByLabel(text.orgName, { exact: true }).fill(`PT Maju ${device}`);
      await page.getByLabel(text.npwp, { exact: true }).fill('01.234.567.8-012.000');
      await page.getByLabel(text.pic, { exact: true }).fill('Rina Wijaya');
      // the terms with the keyboard
      await page.getByLabel(text.terms).focus();
      await page.keyboard.press('Space');
      expect(await page.getByLabel(text.terms).isChecked()).toBe(true);
      await expectNoHorizontalScroll(page);
      await screenshot(page, `signup-form-${language}-${device}`);

      // a guessable password: the API's feedback, in the page's language, under the field
      await page.getByRole('button', { name: text.submit, exact: true }).click();
      const passwordInput = page.getByLabel(text.password, { exact: true });
      await page.locator('#signup-password-error').waitFor();
      expect(await passwordInput.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#signup-password-error').textContent()).toMatch(text.weakPassword);
      expect(new URL(page.url()).pathname).toBe('/signup');

      await passwordInput.fill(password);
      await page.getByRole('button', { name: text.submit, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: text.statusTitle }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/signup/status');
      expect(await page.getByTestId('email-state').textContent()).toMatch(text.emailPending);
      expect(await page.getByTestId('organisation-state').textContent()).toMatch(text.orgPending);
      await expectNoHorizontalScroll(page);
      await screenshot(page, `signup-status-pending-${language}-${device}`);

      const mail = await waitFor(`the verification email to ${email}`, async () =>
        smtp.received.find((m) => m.to === email && m.event === 'user.email_verification_requested'),
      );
      const link = new RegExp(`${spa.url.replace(/[.]/g, '\\.')}/verify-email\\?token=[0-9a-f.-]+`).exec(mail.content)?.[0];
      expect(link).toBeDefined();
      await page.goto(link as string);
      const outcome = page.getByTestId('verify-outcome');
      await outcome.waitFor();
      expect(await outcome.getAttribute('data-outcome')).toBe('success');
      expect(await outcome.textContent()).toBe(text.verified);
      await screenshot(page, `signup-verified-${language}-${device}`);

      await page.getByRole('link', { name: text.next }).click();
      await page.getByRole('heading', { level: 1, name: text.statusTitle }).waitFor();
      await page.getByTestId('email-state').filter({ hasText: text.emailDone }).waitFor();
      expect(await page.getByTestId('organisation-state').textContent()).toMatch(text.orgPending);
      expect(await page.getByRole('link', { name: text.newCommitment }).count()).toBe(0);

      // Pokja's operator verifies the organisation
      const me = await callApi('GET', '/api/v1/auth/me', { token: await tokenOf(email, password) });
      expect(me.body).toMatchObject({ emailVerified: true, collaborator: { status: 'pending' } });
      const operator = await tokenOf(DEMO_ACCOUNTS.operator, DEMO_PASSWORD);
      const verified = await callApi('POST', `/api/v1/collaborators/${me.body.collaborator.id}/verify`, { token: operator });
      expect(verified.status).toBe(200);

      await page.getByRole('button', { name: text.refresh }).click();
      await page.getByTestId('organisation-state').filter({ hasText: text.orgVerified }).waitFor();
      await page.getByRole('link', { name: text.newCommitment }).waitFor();
      await expectNoHorizontalScroll(page);
      await screenshot(page, `signup-status-verified-${language}-${device}`);
    } finally {
      await context.close();
    }
  }, 120_000);
});

it('says when a link was already used or is not valid', async () => {
  const context = await browser.newContext({ baseURL: spa.url, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  try {
    await page.goto('/verify-email?token=nonsense');
    const outcome = page.getByTestId('verify-outcome');
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-outcome')).toBe('invalid');
    expect(await outcome.textContent()).toBe('Tautan ini tidak valid. Salin tautan lengkap dari email Anda.');

    const used = smtp.received.find((m) => m.event === 'user.email_verification_requested');
    const link = used && /\/verify-email\?token=[0-9a-f.-]+/.exec(used.content)?.[0];
    expect(link).toBeDefined();
    await page.goto(link as string);
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-outcome')).toBe('used');
  } finally {
    await context.close();
  }
});
