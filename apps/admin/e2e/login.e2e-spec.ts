import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@ksbb/testing';
import {
  navLabels,
  openFromNav,
  screenshot,
  signIn,
  startE2e,
  submitLogin,
  type E2e,
} from './support/browser';

/**
 * The built admin SPA in headless Chromium against the real API (seeded demo accounts): login, role-aware navigation
 * and guards, the admin tables, the language switch, token refresh and logout.
 */
const OPERATOR_NAV = [
  'Dasbor',
  'Kebutuhan',
  'Kolaborator',
  'Agregator',
  'Komitmen',
  'Klaim',
  'Serah terima',
  'Lembaga sasaran',
  'Tanda kebutuhan',
  'Program',
  'Laporan',
  'Notifikasi',
];
const ADMIN_NAV = [...OPERATOR_NAV, 'Pengguna', 'Audit'];
const ADMIN_NAV_EN = [
  'Dashboard',
  'Needs',
  'Collaborators',
  'Aggregators',
  'Commitments',
  'Claims',
  'Handovers',
  'Target institutions',
  'Need flags',
  'Programs',
  'Reports',
  'Notifications',
  'Users',
  'Audit',
];

let e2e: E2e;
let spaUrl: string;

beforeAll(async () => {
  e2e = await startE2e();
  spaUrl = e2e.spa.url;
}, 120_000);

afterAll(() => e2e?.close());

const openContext = () => e2e.openContext();

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
    // The admin's own text for the problem's code (invalid_credentials): wholly Indonesian, not the API's English detail.
    expect(text?.replace(/\s+/g, ' ').trim()).toBe('Gagal masuk. Email atau kata sandi salah.');
    expect(page.url()).toBe(`${spaUrl}/login`);
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
      // the Pokja reads the audit log too ("who verified this BAST?"); only admins manage users
      expect(await navLabels(page)).toEqual([...OPERATOR_NAV, 'Audit']);
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

    it('opens a page of its role from the navigation', async () => {
      await openFromNav(page, 'Kolaborator');
      await page.getByRole('combobox', { name: 'Status' }).waitFor();
      await page.getByRole('table').or(page.getByText('Tidak ada kolaborator')).first().waitFor();
    });
  });

  describe('admin', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => ({ context, page } = await openContext()));
    afterAll(() => context.close());

    it('(d) sees every operator page plus Users and Audit, and the users table loads', async () => {
      await signIn(page, DEMO_ACCOUNTS.admin);
      expect(await navLabels(page)).toEqual(ADMIN_NAV);
      await openFromNav(page, 'Pengguna');
      await page.getByRole('cell', { name: DEMO_ACCOUNTS.operator }).waitFor();
      expect(await page.getByRole('row').count()).toBeGreaterThanOrEqual(6); // header + five demo accounts
      await page.getByText(/^Halaman 1 dari \d+/).waitFor();

      await openFromNav(page, 'Audit', 'Log audit');
      // actions in words: the admin's own login (recorded against the account, not "anonymous")
      await page.getByRole('row').filter({ hasText: 'masuk' }).filter({ hasText: 'Admin' }).first().waitFor();
    });

    it('(e) switches to English: navigation, <html lang> and the choice survive a reload', async () => {
      await openFromNav(page, 'Dasbor', /^Selamat datang, /);
      await page.getByRole('button', { name: 'English' }).click();
      expect(await navLabels(page, 'Main navigation')).toEqual(ADMIN_NAV_EN);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.getByRole('cell', { name: /\bPangan$/ }).waitFor();
      await screenshot(page, 'dashboard-en');

      await page.reload();
      expect(await navLabels(page, 'Main navigation')).toEqual(ADMIN_NAV_EN);
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

    /**
     * The dashboard reads /programs as well: the routes below may only start answering 401 once its own request has
     * been answered, or the session ends on the dashboard before the test clicks anything.
     */
    const dashboardProgramsLoaded = (page: Page) =>
      page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/programs');

    it('refreshes once on a 401 and retries the request', async () => {
      const { context, page } = await openContext();
      const dashboardPrograms = dashboardProgramsLoaded(page);
      await signIn(page, DEMO_ACCOUNTS.viewer);
      expect(await navLabels(page)).toEqual(['Dasbor', 'Lembaga sasaran', 'Tanda kebutuhan', 'Program', 'Laporan']);
      await dashboardPrograms;

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

      await page.getByRole('cell', { name: /\bPangan$/ }).waitFor();
      expect(rejected).toBe(2); // the 401, then the retry
      expect(refreshes).toHaveLength(1);
      await context.close();
    });

    it('ends the session when the refresh fails', async () => {
      const { context, page } = await openContext();
      const dashboardPrograms = dashboardProgramsLoaded(page);
      await signIn(page, DEMO_ACCOUNTS.viewer);
      await dashboardPrograms;
      await page.route('**/api/v1/programs', (route) => route.fulfill(problem401));
      await page.route('**/api/v1/auth/refresh', (route) => route.fulfill(problem401));
      const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
      await nav.getByRole('link', { name: 'Program', exact: true }).click();

      await page.getByText('Sesi Anda telah berakhir. Silakan masuk kembali.').waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
      await context.close();
    });
  });
});
