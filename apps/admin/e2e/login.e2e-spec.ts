import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@ksbb/testing';
import { startTestApi, type TestApi } from '../../api/test/harness';
import { ensureAdminBuild } from './support/admin-build';
import { startSpaServer, type SpaServer } from './support/spa-server';

/**
 * The built admin SPA in headless Chromium against the real API (seeded demo accounts): login, role-aware navigation
 * and guards, the admin tables, the language switch, token refresh and logout.
 */
const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-output', 'screenshots');
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let api: TestApi;
let spa: SpaServer;
let browser: Browser;

beforeAll(async () => {
  const distDir = ensureAdminBuild();
  api = await startTestApi();
  spa = await startSpaServer(distDir, await api.listen());
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await spa?.close();
  await api?.close();
});

async function openContext(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: spa.url, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

/** Sign in and wait for the signed-in shell; a login error fails with the message the page shows. */
async function signIn(page: Page, email: string): Promise<void> {
  await submitLogin(page, email, DEMO_PASSWORD);
  const shell = page.getByRole('navigation', { name: /^(Navigasi utama|Main navigation)$/ });
  const alert = page.getByRole('alert');
  await shell.or(alert).first().waitFor();
  if (await alert.isVisible()) throw new Error(`login of ${email} failed: ${await alert.textContent()}`);
}

async function navLabels(page: Page, name = 'Navigasi utama'): Promise<string[]> {
  const nav = page.getByRole('navigation', { name });
  await nav.waitFor();
  return nav.getByRole('link').allTextContents();
}

/** Click an entry of the main navigation and wait for the page's heading. */
async function openFromNav(page: Page, label: string, heading: string | RegExp = label): Promise<void> {
  const nav = page.getByRole('navigation', { name: /^(Navigasi utama|Main navigation)$/ });
  await nav.getByRole('link', { name: label, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe('admin SPA in Chromium', () => {
  it('(a) shows the problem detail when the password is wrong', async () => {
    const { context, page } = await openContext();
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Masuk' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    await screenshot(page, 'login-id');

    await submitLogin(page, DEMO_ACCOUNTS.operator, 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain('Gagal masuk.');
    expect(text).toMatch(/email or password is wrong/); // the API's problem detail
    expect(page.url()).toBe(`${spa.url}/login`);
    await context.close();
  });

  describe('operator', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => ({ context, page } = await openContext()));
    afterAll(() => context.close());

    it('(b) sees the dashboard with the programs and the operator navigation only', async () => {
      await signIn(page, DEMO_ACCOUNTS.operator);
      await page.getByRole('heading', { level: 1, name: /^Selamat datang, / }).waitFor();
      await page.getByRole('cell', { name: /\bPangan$/ }).waitFor();
      expect(await navLabels(page)).toEqual(['Dasbor', 'Kebutuhan', 'Kolaborator', 'Program']);
      expect(await page.getByRole('link', { name: 'Pengguna' }).count()).toBe(0);
      expect(await page.getByText('Operator', { exact: true }).count()).toBeGreaterThan(0);
      await screenshot(page, 'dashboard-id');
    });

    it('(c) gets "not allowed" when opening /users by URL (after a reload that restores the session)', async () => {
      const userListCalls: string[] = [];
      page.on(
        'request',
        (request) => request.url().includes('/api/v1/users') && userListCalls.push(request.url()),
      );
      await page.goto('/users');
      await page.getByRole('heading', { level: 1, name: 'Akses tidak diizinkan' }).waitFor();
      expect(userListCalls).toEqual([]); // the guard stops before the page (and its API call) loads
      expect(await page.getByRole('table').count()).toBe(0);
      expect(await page.getByText(DEMO_ACCOUNTS.admin).count()).toBe(0);
      expect(await navLabels(page)).not.toContain('Pengguna');
    });

    it('sees a "coming soon" page for a page of its role', async () => {
      await openFromNav(page, 'Kebutuhan');
      expect(await page.getByText('Segera hadir').count()).toBe(1);
    });
  });

  describe('admin', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => ({ context, page } = await openContext()));
    afterAll(() => context.close());

    it('(d) sees Users and Audit, and the users table loads', async () => {
      await signIn(page, DEMO_ACCOUNTS.admin);
      expect(await navLabels(page)).toEqual(['Dasbor', 'Pengguna', 'Audit']);
      await openFromNav(page, 'Pengguna');
      await page.getByRole('cell', { name: DEMO_ACCOUNTS.operator }).waitFor();
      expect(await page.getByRole('row').count()).toBeGreaterThanOrEqual(6); // header + five demo accounts
      await page.getByText(/^Halaman 1 dari \d+/).waitFor();

      await openFromNav(page, 'Audit', 'Log audit');
      await page.getByRole('cell', { name: 'auth.login' }).first().waitFor();
    });

    it('(e) switches to English: navigation, <html lang> and the choice survive a reload', async () => {
      await openFromNav(page, 'Dasbor', /^Selamat datang, /);
      await page.getByRole('button', { name: 'English' }).click();
      expect(await navLabels(page, 'Main navigation')).toEqual(['Dashboard', 'Users', 'Audit']);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.getByRole('cell', { name: /\bPangan$/ }).waitFor();
      await screenshot(page, 'dashboard-en');

      await page.reload();
      expect(await navLabels(page, 'Main navigation')).toEqual(['Dashboard', 'Users', 'Audit']);
    });

    it('(f) logs out back to the login page, and the session is gone', async () => {
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
      await page.getByText('You have logged out.').waitFor();
      expect(await page.evaluate(() => sessionStorage.getItem('ksbb.refreshToken'))).toBeNull();
      await screenshot(page, 'login-en');

      await page.goto('/users');
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    });
  });

  describe('viewer and expired access tokens', () => {
    const problem401 = {
      status: 401,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'expired' }),
    };

    it('refreshes once on a 401 and retries the request', async () => {
      const { context, page } = await openContext();
      await signIn(page, DEMO_ACCOUNTS.viewer);
      expect(await navLabels(page)).toEqual(['Dasbor', 'Program']);

      let rejected = 0;
      await page.route('**/api/v1/programs', (route) =>
        rejected++ === 0 ? route.fulfill(problem401) : route.continue(),
      );
      const refreshes: string[] = [];
      page.on(
        'request',
        (request) => request.url().endsWith('/api/v1/auth/refresh') && refreshes.push(request.url()),
      );
      await openFromNav(page, 'Program');
      await openFromNav(page, 'Dasbor', /^Selamat datang, /);

      await page.getByRole('cell', { name: /\bPangan$/ }).waitFor();
      expect(rejected).toBe(2); // the 401, then the retry
      expect(refreshes).toHaveLength(1);
      await context.close();
    });

    it('ends the session when the refresh fails', async () => {
      const { context, page } = await openContext();
      await signIn(page, DEMO_ACCOUNTS.viewer);
      await page.route('**/api/v1/programs', (route) => route.fulfill(problem401));
      await page.route('**/api/v1/auth/refresh', (route) => route.fulfill(problem401));
      await openFromNav(page, 'Program');
      const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
      await nav.getByRole('link', { name: 'Dasbor', exact: true }).click();

      await page.getByText('Sesi Anda telah berakhir. Silakan masuk kembali.').waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
      await context.close();
    });
  });
});
