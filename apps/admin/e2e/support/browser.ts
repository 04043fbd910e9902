import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@ksbb/testing';
import { startApiProcess, type ApiProcess } from '@ksbb/testing/processes';
import { ensureAdminBuild } from './admin-build';
import { startSpaServer, type SpaServer } from './spa-server';

export const SCREENSHOTS = join(__dirname, '..', '..', '..', '..', 'test-output', 'screenshots');
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
export const MAIN_NAV = /^(Navigasi utama|Main navigation)$/;

/** The built SPA behind its static server, the real API (a process) on its own database, and headless Chromium. */
export interface E2e {
  api: ApiProcess;
  spa: SpaServer;
  browser: Browser;
  /** a fresh browser profile (own storage: own session and language) */
  openContext(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startE2e(): Promise<E2e> {
  const distDir = ensureAdminBuild();
  // Webhooks created in the e2e point at this machine; no worker runs here, so nothing is ever sent.
  const api = await startApiProcess({ WEBHOOK_ALLOW_PRIVATE: 'true' });
  const spa = await startSpaServer(distDir, api.url);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    api,
    spa,
    browser,
    async openContext() {
      const context = await browser.newContext({ baseURL: spa.url, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      return { context, page };
    },
    async close() {
      await browser.close();
      await spa.close();
      await api.close();
    },
  };
}

export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

/** Sign in and wait for the signed-in shell; a login error fails with the message the page shows. */
export async function signIn(page: Page, email: string): Promise<void> {
  await submitLogin(page, email, DEMO_PASSWORD);
  const shell = page.getByRole('navigation', { name: MAIN_NAV });
  const alert = page.getByRole('alert');
  await shell.or(alert).first().waitFor();
  if (await alert.isVisible()) throw new Error(`login of ${email} failed: ${await alert.textContent()}`);
}

/**
 * Sign a fresh context in through the API instead of the login form, for tests about what comes after it (the form is
 * login.e2e-spec.ts's subject, and costs a page and the dashboard per context). The refresh token goes where the SPA
 * keeps it (sessionStorage, see session-store.ts), so the first page the context opens resumes the session as after
 * a reload; it is written only while that storage is empty, so the SPA's own rotated token wins from then on.
 */
export async function signInByApi(context: BrowserContext, apiUrl: string, email: string): Promise<void> {
  const res = await fetch(`${apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${await res.text()}`);
  const { refreshToken } = (await res.json()) as { refreshToken: string };
  await context.addInitScript(
    ([key, token]) => {
      try {
        if (!sessionStorage.getItem(key)) sessionStorage.setItem(key, token);
      } catch {
        // a document without storage (about:blank): nothing to resume there
      }
    },
    ['ksbb.refreshToken', refreshToken],
  );
}

export async function navLabels(page: Page, name: string | RegExp = 'Navigasi utama'): Promise<string[]> {
  const nav = page.getByRole('navigation', { name });
  await nav.waitFor();
  return nav.getByRole('link').allTextContents();
}

/** Click an entry of the main navigation and wait for the page's heading. */
export async function openFromNav(
  page: Page,
  label: string,
  heading: string | RegExp = label,
): Promise<void> {
  const nav = page.getByRole('navigation', { name: MAIN_NAV });
  await nav.getByRole('link', { name: label, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Switch the language with the header's toggle. */
export async function useLanguage(page: Page, language: 'id' | 'en'): Promise<void> {
  await page.getByRole('button', { name: language === 'en' ? 'English' : 'Bahasa Indonesia' }).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

/** The toast with this text (toasts live in the polite "Notifikasi"/"Notifications" region). */
export async function waitForToast(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).first().waitFor();
}
