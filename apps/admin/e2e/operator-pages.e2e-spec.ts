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
 * The Pokja's back-office pages against the real API: reports (figures, coverage, a CSV download, a schedule created
 * and deleted), the notification outbox with a webhook whose secret is shown once, and an admin creating and editing
 * a user account.
 */
let e2e: E2e;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  e2e = await startE2e();
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await e2e?.close();
});

async function signedIn(role: 'operator' | 'admin' | 'viewer'): Promise<Page> {
  const { context, page } = await e2e.openContext();
  contexts.push(context);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.spa.url });
  await signIn(page, DEMO_ACCOUNTS[role]);
  return page;
}

describe('back-office pages in Chromium', () => {
  it('reports: figures, coverage by level, a CSV download, and a schedule created then deleted', async () => {
    const page = await signedIn('operator');
    await openFromNav(page, 'Laporan');
    expect(await page.getByTestId('report-needs').textContent()).toMatch(/^\d[\d.]*$/);

    await page.getByLabel('Tingkat wilayah').selectOption('district');
    await page
      .getByRole('table', { name: /Cakupan per wilayah/ })
      .or(page.getByText('Belum ada kebutuhan untuk saringan ini.'))
      .first()
      .waitFor();

    await page.getByRole('button', { name: 'Unduh Ringkasan (CSV)' }).click();
    const link = page.getByTestId('download-summary-csv');
    await link.waitFor();
    const csv = await link.evaluate(async (anchor: HTMLAnchorElement) => (await fetch(anchor.href)).text());
    expect(csv.split('\n').length).toBeGreaterThan(1);

    const name = `Mingguan e2e ${Date.now()}`;
    const schedules = page.getByRole('form', { name: 'Buat jadwal' });
    await schedules.getByLabel('Nama jadwal').fill(name);
    await schedules.getByLabel('Frekuensi').selectOption('custom');
    await schedules.getByLabel('Cron').fill('not a cron');
    await schedules.getByLabel('Penerima').fill('pokja@ksbb.test');
    await schedules.getByRole('button', { name: 'Buat jadwal' }).click();
    await schedules.getByRole('alert').waitFor(); // the API's reason, shown in place
    // The picker writes the cron: weekly, on Tuesday, at 06:30 WIB.
    await schedules.getByLabel('Frekuensi').selectOption('weekly');
    await schedules.getByLabel('Hari', { exact: true }).selectOption('2');
    await schedules.getByLabel('Pukul (WIB)').fill('06:30');
    expect(await schedules.getByTestId('schedule-in-words').textContent()).toBe(
      'Berjalan: Setiap Selasa pukul 06:30 WIB 30 6 * * 2',
    );
    await schedules.getByRole('button', { name: 'Buat jadwal' }).click();
    await waitForToast(page, `Jadwal "${name}" dibuat.`);

    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByText('pokja@ksbb.test').waitFor();
    await row.getByText('Setiap Selasa pukul 06:30 WIB').waitFor();
    await row.getByRole('button', { name: /^Riwayat/ }).click();
    await page.getByText('Jadwal ini belum pernah dijalankan.').waitFor();
    await screenshot(page, 'reports-id');

    await row.getByRole('button', { name: /^Hapus/ }).click();
    await page.getByRole('dialog', { name: 'Hapus jadwal?' }).getByRole('button', { name: 'Hapus' }).click();
    await waitForToast(page, `Jadwal "${name}" dihapus.`);
    expect(await row.count()).toBe(0);

    await useLanguage(page, 'en');
    await page.getByRole('heading', { level: 2, name: 'Report schedules', exact: true }).waitFor();
    await screenshot(page, 'reports-en');
  });

  it('outbox: filters deliveries, and a new webhook shows its secret once', async () => {
    const page = await signedIn('operator');
    await openFromNav(page, 'Notifikasi', 'Notifikasi keluar');
    await page.getByLabel('Kanal').selectOption('email');
    await page
      .getByRole('table', { name: 'Notifikasi keluar' })
      .or(page.getByText('Tidak ada notifikasi yang cocok dengan saringan.'))
      .first()
      .waitFor();

    const url = `http://127.0.0.1:9/ksbb-e2e-${Date.now()}`;
    const form = page.getByRole('form', { name: 'Buat webhook' });
    await form.getByLabel('URL').fill(url);
    await form.getByRole('button', { name: 'Buat webhook' }).click();
    await form.getByText('Pilih minimal satu peristiwa.').waitFor();
    await form.getByLabel('commitment.approved').check();
    await form.getByRole('button', { name: 'Buat webhook' }).click();
    await waitForToast(page, 'Webhook dibuat.');
    const secret = (await page.locator('#webhook-secret').textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(16);
    await page.getByRole('button', { name: 'Salin rahasia' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await screenshot(page, 'outbox-id');
    await page.getByRole('button', { name: 'Sudah saya simpan' }).click();
    expect(await page.getByText(secret).count()).toBe(0);

    const row = page.getByRole('row').filter({ hasText: url });
    await row.getByRole('button', { name: /^Log pengiriman/ }).click();
    await page.getByText('Belum ada pengiriman.').waitFor();
    await row.getByRole('button', { name: /^Hapus/ }).click();
    await page.getByRole('dialog', { name: 'Hapus webhook?' }).getByRole('button', { name: 'Hapus' }).click();
    await waitForToast(page, 'Webhook dihapus.');
    expect(await row.count()).toBe(0);
  });

  it('users: the admin creates an account and then deactivates it with the version it read', async () => {
    const page = await signedIn('admin');
    await openFromNav(page, 'Pengguna');
    const name = `Peninjau e2e ${Date.now()}`;
    await page.getByRole('button', { name: 'Tambah pengguna' }).click();
    const create = page.getByRole('dialog', { name: 'Pengguna baru' });
    await create.getByLabel('Email').fill(`e2e-${Date.now()}@ksbb.test`);
    await create.getByLabel('Kata sandi').fill('rahasia-e2e-123');
    await create.getByLabel('Nama').fill(name);
    await create.getByLabel('Peran').selectOption('viewer');
    await create.getByRole('button', { name: 'Tambah pengguna' }).click();
    await waitForToast(page, `Pengguna ${name} dibuat.`);

    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByText('Peninjau', { exact: true }).waitFor();
    await row.getByRole('button', { name: /^Ubah/ }).click();
    const edit = page.getByRole('dialog', { name: `Ubah ${name}` });
    await edit.getByLabel('Peran').selectOption('operator');
    await edit.getByLabel('Akun aktif').uncheck();
    await screenshot(page, 'user-edit-id');
    await edit.getByRole('button', { name: 'Simpan' }).click();
    await waitForToast(page, `Pengguna ${name} diperbarui.`);
    await row.getByText('Nonaktif', { exact: true }).waitFor();
    await row.getByText('Operator', { exact: true }).waitFor();
  });
});
