import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@ksbb/testing';
import { MAIN_NAV, screenshot, startE2e, submitLogin, useLanguage, type E2e } from './support/browser';

/**
 * The institutions and need-flag pages (issue 19), in Chromium against the real API: an operator imports schools by
 * CSV and sees the bad rows by line; at 1366×768 and 390×844, in id and en, the operator's and the kelurahan
 * officer's pages do not scroll sideways and have no serious or critical axe-core violation.
 */
const SIZES = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const TITLES: Record<string, Record<'id' | 'en', string>> = {
  '/institutions': { id: 'Lembaga sasaran', en: 'Target institutions' },
  '/need-flags': { id: 'Tanda kebutuhan', en: 'Need flags' },
};

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.close());

async function openAs(email: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await e2e.browser.newContext({ baseURL: e2e.spa.url, viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await submitLogin(page, email, DEMO_PASSWORD);
  // signed in: the drawer's menu button (phone) or the navigation itself (laptop)
  await page
    .getByRole('button', { name: 'Menu', exact: true })
    .or(page.getByRole('navigation', { name: MAIN_NAV }))
    .first()
    .waitFor();
  return page;
}

async function expectFitsAndAxe(page: Page, label: string, title: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.spinner').length === 0);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect({ label, fits: widths.scroll <= widths.inner }).toEqual({ label, fits: true });
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  expect({ label, serious }).toEqual({ label, serious: [] });
}

it('an operator imports schools by CSV and sees the two bad rows by line', async () => {
  const page = await openAs(DEMO_ACCOUNTS.operator, SIZES[0]);
  await page.goto('/institutions');
  await page.locator('main h1').first().waitFor();
  expect(await page.locator('main h1').first().textContent()).toBe('Lembaga sasaran');
  const csv = [
    'kind,name,npsn,schoolLevel,regionCode',
    'school,SDN Uji Admin 01,20107001,SD,31.71.01.1001',
    'school,SDN NPSN Salah,12,SD,31.71.01.1001',
    'school,SMPN Uji Admin,20107002,SMP,31.71.01.1001',
    'school,SD Wilayah Asing,20107003,SD,31.71.99.9999',
  ].join('\n');
  await page.getByLabel('Berkas CSV').setInputFiles({ name: 'sekolah.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Impor', exact: true }).click();
  const rejected = page.getByRole('table', { name: 'Masalah' });
  await rejected.waitFor();
  const lines = await rejected.locator('tbody tr td:first-child').allTextContents();
  expect(lines.map((l) => l.replace(/\D/g, ''))).toEqual(['3', '5']);
  await page.getByLabel('Cari nama, NPSN, NIB atau kode Loksem').fill('20107002');
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await page.getByRole('cell', { name: 'SMPN Uji Admin' }).first().waitFor();
  await page.context().close();
});

describe.each(SIZES)('at $name size', (size) => {
  it('the operator\u2019s institutions and flags pages and the kelurahan officer\u2019s flags page fit and pass axe', async () => {
    const operator = await openAs(DEMO_ACCOUNTS.operator, size);
    const officer = await openAs(DEMO_ACCOUNTS.kelurahan, size);
    // both languages locally; Indonesian only on CI, to keep its time short
    for (const language of process.env.CI ? (['id'] as const) : (['id', 'en'] as const)) {
      if (language === 'en') {
        await useLanguage(operator, 'en');
        await useLanguage(officer, 'en');
      }
      for (const path of ['/institutions', '/need-flags']) {
        await operator.goto(path);
        await expectFitsAndAxe(operator, `operator ${path} ${size.name} ${language}`, TITLES[path][language]);
        await screenshot(operator, `institutions-operator${path.replace('/', '-')}-${size.name}-${language}`);
      }
      await officer.goto('/need-flags');
      await expectFitsAndAxe(officer, `kelurahan /need-flags ${size.name} ${language}`, TITLES['/need-flags'][language]);
      await screenshot(officer, `institutions-kelurahan-need-flags-${size.name}-${language}`);
    }
    await operator.context().close();
    await officer.context().close();
  }, 180_000);
});
