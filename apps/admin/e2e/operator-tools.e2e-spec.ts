import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@ksbb/testing';
import {
  openFromNav,
  screenshot,
  signIn,
  startE2e,
  useLanguage,
  waitForToast,
  type E2e,
} from './support/browser';

/**
 * The operator's other tools against the real API: the CSV import with its progress and per-row errors, the
 * collaborator verification queue with a reason dialog, and an aggregator's API key shown once, copied and revoked.
 */
let e2e: E2e;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  e2e = await startE2e();
  ({ context, page } = await e2e.openContext());
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.spa.url });
  await signIn(page, DEMO_ACCOUNTS.operator);
}, 120_000);

afterAll(() => e2e?.close());

describe('operator tools in Chromium', () => {
  it('imports needs from CSV: good rows land, the bad one is reported with its line', async () => {
    const stamp = Date.now();
    const csv = [
      'programCode,packageCode,regionCode,title,quantity,sourceRef',
      `PANGAN,SEMBAKO,31.71.01.1001.RW01.RT001,Impor A ${stamp},10,IMP-${stamp}-1`,
      `PANGAN,SEMBAKO,31.71.01.1001.RW01.RT002,Impor B ${stamp},12,IMP-${stamp}-2`,
      `PANGAN,SEMBAKO,31.99.99.9999,Impor C ${stamp},5,IMP-${stamp}-3`,
    ].join('\n');
    await openFromNav(page, 'Kebutuhan');
    await page.getByRole('link', { name: 'Impor CSV' }).click();
    await page.getByLabel('Berkas CSV').setInputFiles({
      name: 'kebutuhan.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: 'Mulai impor' }).click();

    const result = page.getByRole('region', { name: /Baris yang ditolak/ });
    await result.waitFor();
    await page.getByRole('progressbar', { name: 'Selesai' }).waitFor();
    expect(await page.getByRole('progressbar', { name: 'Selesai' }).getAttribute('aria-valuenow')).toBe(
      '100',
    );
    const figures = await page.locator('.stats dd').allTextContents();
    expect(figures).toEqual(['2', '0', '1']); // new, updated, rejected
    const rejected = result.getByRole('row').filter({ hasText: /^4/ });
    expect(await rejected.textContent()).toMatch(/31\.99\.99\.9999/);
    await screenshot(page, 'need-import-id');

    await openFromNav(page, 'Kebutuhan');
    await page.getByRole('cell', { name: new RegExp(`^Impor A ${stamp}`) }).waitFor();
  });

  it('rejects a pending collaborator only with a reason', async () => {
    await openFromNav(page, 'Kolaborator');
    await page.getByLabel('Status', { exact: true }).selectOption('pending');
    const first = page
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name: /^Tolak / }) })
      .first();
    const name = ((await first.getByRole('strong').first().textContent()) ?? '').trim();
    await first.getByRole('button', { name: /^Tolak / }).click();

    const dialog = page.getByRole('dialog', { name: `Tolak ${name}?` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Tolak' }).click();
    await dialog.getByText('Tuliskan alasan, minimal 3 karakter.').waitFor();
    await dialog.getByLabel('Alasan').fill('Dokumen akta tidak terbaca');
    await screenshot(page, 'collaborator-reject-id');
    await dialog.getByRole('button', { name: 'Tolak' }).click();
    await waitForToast(page, `${name} ditolak.`);
    expect(await dialog.isVisible()).toBe(false);

    await page.getByLabel('Status', { exact: true }).selectOption('rejected');
    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByText('Dokumen akta tidak terbaca').waitFor();
  });

  it("shows an aggregator's new API key once, copies it, and revokes it", async () => {
    await openFromNav(page, 'Agregator');
    await page.getByRole('link', { name: 'Dompet Dhuafa' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dompet Dhuafa' }).waitFor();

    await page.getByLabel('Nama kunci').fill('Sistem gudang e2e');
    await page.getByRole('button', { name: 'Buat kunci' }).click();
    await waitForToast(page, 'Kunci API dibuat.');
    const key = (await page.locator('#issued-key').textContent()) ?? '';
    expect(key.length).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Salin kunci' }).click();
    await page.getByText('Tersalin ke papan klip.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await screenshot(page, 'api-key-once-id');

    await page.getByRole('button', { name: 'Sudah saya simpan' }).click();
    expect(await page.getByText(key).count()).toBe(0);
    const row = page.getByRole('row').filter({ hasText: 'Sistem gudang e2e' });
    const prefix = ((await row.locator('code').textContent()) ?? '').replace('…', '');
    expect(key).toContain(`_${prefix}_`); // the list shows only the key's public prefix

    await row.getByRole('button', { name: /^Cabut/ }).click();
    await page
      .getByRole('dialog', { name: 'Cabut kunci API?' })
      .getByRole('button', { name: 'Cabut' })
      .click();
    await waitForToast(page, 'Kunci "Sistem gudang e2e" dicabut.');
    await row.getByText(/^Dicabut /).waitFor();

    await useLanguage(page, 'en');
    await row.getByText(/^Revoked /).waitFor();
    await screenshot(page, 'aggregator-en');
  });
});
