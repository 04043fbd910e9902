import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@ksbb/testing';
import { claimedAllocation, handoverBody, remoteTestApi, submitHandover, type TestApi } from '@ksbb/testing/api';
import {
  navLabels,
  screenshot,
  signInByApi,
  startE2e,
  useLanguage,
  waitForToast,
  type E2e,
} from './support/browser';

/**
 * The kelurahan officer's own pages (issue 19) in Chromium against the real API: their home and navigation, their
 * area's need (and the not-found page for another kelurahan's need typed by URL), flagging a need with a reason
 * (which the operator then sees), confirming a handover as the witness (the detail shows who and when), and a program
 * that requires the confirmation: the operator's verify is refused with the clear message until the officer confirms.
 */
const GAMBIR = '31.71.01.1001';
const PENJARINGAN = '31.72.01.1001';
const OFFICER = 'Petugas Kelurahan Gambir (Demo)';
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };

let e2e: E2e;
let ds: DataSource;
let api: TestApi;
let gambirRw = '';
let penjaringanRw = '';

/** A submitted handover of a fresh claim on a still-open need placed in the given RW, with a title of our own. */
async function handoverIn(rw: string, title: string): Promise<{ id: string; bastNumber: string; needId: string }> {
  const claimed = await claimedAllocation(api, { quantity: 5, needQuantity: 20 });
  await ds.query(`UPDATE needs SET region_code = $2, title = $3 WHERE id = $1`, [claimed.needId, rw, title]);
  const res = await submitHandover(api, handoverBody(rw, [{ allocationId: claimed.allocationId, quantity: 5 }]));
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, bastNumber: res.body.bastNumber, needId: claimed.needId };
}

async function openAs(role: 'kelurahan' | 'operator', viewport = LAPTOP): Promise<Page> {
  const { context, page } = await e2e.openContext();
  await context.route('https://tile.openstreetmap.org/**', (route) => route.abort('internetdisconnected'));
  await page.setViewportSize(viewport);
  await signInByApi(context, e2e.api.url, DEMO_ACCOUNTS[role]);
  await page.goto('/');
  // signed in: the navigation (laptop), or on a phone, where it is a closed drawer, the first page's heading (the
  // session resumes, then the home loads: as long as the form's two waits took on a busy machine)
  const signedIn = { timeout: 30_000 };
  if (viewport === LAPTOP) await page.getByRole('navigation', { name: 'Navigasi utama' }).waitFor(signedIn);
  else await page.locator('main h1').first().waitFor(signedIn);
  return page;
}

/** The page does not scroll sideways. */
async function fits(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

beforeAll(async () => {
  e2e = await startE2e();
  ds = await new DataSource({ type: 'postgres', url: e2e.api.databaseUrl, poolSize: 2 }).initialize();
  api = remoteTestApi(e2e.api.url, ds);
  [{ code: gambirRw }] = await ds.query(`SELECT code FROM regions WHERE parent_code = $1 ORDER BY code LIMIT 1`, [GAMBIR]);
  [{ code: penjaringanRw }] = await ds.query(`SELECT code FROM regions WHERE parent_code = $1 ORDER BY code LIMIT 1`, [PENJARINGAN]);
}, 180_000);

afterAll(async () => {
  await ds?.destroy();
  await e2e?.close();
});

it("sees their home and their area's need, and gets the not-found page for another kelurahan's need", async () => {
  const mine = await handoverIn(gambirRw, 'Sembako RW Gambir (uji kelurahan)');
  const theirs = await handoverIn(penjaringanRw, 'Sembako Penjaringan (uji kelurahan)');
  const page = await openAs('kelurahan');
  expect(await navLabels(page)).toEqual([
    'Beranda',
    'Kebutuhan wilayah',
    'Klaim wilayah',
    'Serah terima wilayah',
    'Tanda kebutuhan',
  ]);
  await page.getByRole('heading', { level: 1, name: 'Beranda kelurahan' }).waitFor();
  await page.getByTestId('kelurahan-name').filter({ hasText: 'Gambir' }).waitFor();
  // the handover submitted in Gambir awaits the officer's confirmation, and is listed on the home
  await page.getByTestId('kel-awaiting').getByRole('link', { name: mine.bastNumber }).waitFor();
  expect(await page.getByTestId('kel-awaiting').getByRole('link', { name: theirs.bastNumber }).count()).toBe(0);
  const awaiting = Number((await page.getByTestId('count-awaiting').locator('.kpi__value').textContent())?.replace(/\D/g, ''));
  expect(awaiting).toBeGreaterThanOrEqual(1);

  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Kebutuhan wilayah' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kebutuhan wilayah' }).waitFor();
  await page.goto(`/area-needs/${mine.needId}`);
  await page.getByRole('heading', { level: 1, name: 'Sembako RW Gambir (uji kelurahan)' }).waitFor();

  await page.goto(`/area-needs/${theirs.needId}`);
  await page.getByRole('alert').filter({ hasText: 'Data tidak ditemukan, atau Anda tidak berhak melihatnya.' }).waitFor();
  expect(await page.getByText('Sembako Penjaringan (uji kelurahan)').count()).toBe(0);

  // in English the home reads "Home"
  await useLanguage(page, 'en');
  expect((await navLabels(page, 'Main navigation'))[0]).toBe('Home');
  await useLanguage(page, 'id');
  await page.context().close();
}, 120_000);

it('flags a need of their area with a reason, and the operator sees the flag', async () => {
  const mine = await handoverIn(gambirRw, 'Sembako untuk ditandai (uji kelurahan)');
  const reason = 'Alamat penerima tidak ada di RW ini (uji)';
  const page = await openAs('kelurahan', PHONE);
  await page.getByRole('heading', { level: 1, name: 'Beranda kelurahan' }).waitFor();
  await page.getByTestId('kelurahan-counts').waitFor();
  expect(await fits(page)).toBe(true);
  await screenshot(page, 'kelurahan-home-phone');
  await page.goto(`/area-needs/${mine.needId}`);
  await page.getByRole('heading', { level: 1, name: 'Sembako untuk ditandai (uji kelurahan)' }).waitFor();
  await page.getByRole('button', { name: 'Tandai keliru' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tandai kebutuhan ini keliru' });
  await dialog.getByLabel('Alasan').fill(reason);
  await dialog.getByRole('button', { name: 'Tandai keliru' }).click();
  await waitForToast(page, 'Kebutuhan ditandai keliru.');
  const flags = page.getByTestId('need-flags');
  await flags.getByText(reason).first().waitFor();
  await flags.getByText('Terbuka').first().waitFor();
  // one open flag at a time: the button waits for the operator
  expect(await page.getByRole('button', { name: 'Tandai keliru' }).isDisabled()).toBe(true);
  expect(await fits(page)).toBe(true);
  await screenshot(page, 'kelurahan-need-flagged-phone');
  await page.context().close();

  const operator = await openAs('operator');
  await operator.goto('/need-flags');
  await operator.getByRole('heading', { level: 1, name: 'Tanda kebutuhan' }).waitFor();
  const row = operator.getByRole('row').filter({ hasText: reason });
  await row.waitFor();
  expect(await row.textContent()).toContain('Sembako untuk ditandai (uji kelurahan)');
  await operator.context().close();
}, 120_000);

it('confirms a handover as the witness from the UI, and the detail shows who and when', async () => {
  const mine = await handoverIn(gambirRw, 'Sembako untuk dikonfirmasi (uji kelurahan)');
  const page = await openAs('kelurahan', PHONE);
  await page.goto('/area-handovers?status=submitted&awaiting=1');
  await page.getByRole('heading', { level: 1, name: 'Serah terima wilayah' }).waitFor();
  await page.getByRole('link', { name: mine.bastNumber }).click();
  await page.getByRole('heading', { level: 1, name: mine.bastNumber }).waitFor();
  const section = page.getByTestId('kelurahan-confirmation');
  await section.getByText('Belum dikonfirmasi kelurahan.').waitFor();
  await section.getByRole('button', { name: 'Konfirmasi sebagai saksi' }).click();
  const dialog = page.getByRole('dialog', { name: `Konfirmasi serah terima ${mine.bastNumber}?` });
  await dialog.getByRole('button', { name: 'Konfirmasi sebagai saksi' }).click();
  await waitForToast(page, `Serah terima ${mine.bastNumber} dikonfirmasi.`);
  const confirmed = section.getByText(new RegExp(`^Dikonfirmasi oleh ${OFFICER.replace(/[()]/g, '\\$&')} pada .+`));
  await confirmed.waitFor();
  // the time is shown in WIB
  expect(await confirmed.textContent()).toMatch(/WIB/);
  expect(await section.getByRole('button', { name: 'Konfirmasi sebagai saksi' }).count()).toBe(0);
  // the BAST PDF (which now prints the confirmation) opens for the officer
  await page.getByRole('button', { name: 'Dokumen BAST (PDF)' }).click();
  expect(await page.getByTestId('bast-pdf-link').getAttribute('href')).toMatch(/^blob:/);
  expect(await fits(page)).toBe(true);
  await screenshot(page, 'kelurahan-handover-confirmed-phone');

  const [row] = await ds.query(`SELECT kelurahan_confirmed_name AS name FROM handovers WHERE id = $1`, [mine.id]);
  expect(row.name).toBe(OFFICER);
  await page.context().close();
}, 120_000);

it("a program requiring the confirmation: the operator's verify is refused with the message until the officer confirms", async () => {
  const admin = await api.tokenFor('admin');
  const [{ version }] = await ds.query(`SELECT version FROM programs WHERE code = 'PANGAN'`);
  const setting = await api.http
    .patch('/api/v1/programs/PANGAN')
    .set({ authorization: `Bearer ${admin}`, 'if-match': `"${version}"` })
    .send({ requiresKelurahanConfirmation: true });
  expect(setting.status).toBe(200);
  try {
    const handover = await handoverIn(gambirRw, 'Sembako wajib konfirmasi (uji kelurahan)');
    const operator = await openAs('operator');
    await operator.goto(`/handovers/${handover.id}`);
    await operator.getByRole('heading', { level: 1, name: handover.bastNumber }).waitFor();
    await operator.getByTestId('kelurahan-confirmation').getByText('Belum dikonfirmasi kelurahan.').waitFor();
    await operator.getByRole('button', { name: 'Verifikasi', exact: true }).click();
    const dialog = operator.getByRole('dialog', { name: `Verifikasi BAST ${handover.bastNumber}?` });
    await dialog.getByRole('button', { name: 'Verifikasi', exact: true }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'Program ini mensyaratkan konfirmasi kelurahan sebelum BAST diverifikasi.' })
      .waitFor();
    await screenshot(operator, 'kelurahan-verify-refused');
    await dialog.getByRole('button', { name: 'Kembali' }).click();

    const officer = await openAs('kelurahan');
    await officer.goto(`/area-handovers/${handover.id}`);
    await officer.getByRole('button', { name: 'Konfirmasi sebagai saksi' }).click();
    await officer
      .getByRole('dialog', { name: `Konfirmasi serah terima ${handover.bastNumber}?` })
      .getByRole('button', { name: 'Konfirmasi sebagai saksi' })
      .click();
    await waitForToast(officer, `Serah terima ${handover.bastNumber} dikonfirmasi.`);
    await officer.context().close();

    await operator.reload();
    await operator.getByTestId('kelurahan-confirmation').getByText(new RegExp(`^Dikonfirmasi oleh ${OFFICER.replace(/[()]/g, '\\$&')}`)).waitFor();
    await operator.getByRole('button', { name: 'Verifikasi', exact: true }).click();
    await operator
      .getByRole('dialog', { name: `Verifikasi BAST ${handover.bastNumber}?` })
      .getByRole('button', { name: 'Verifikasi', exact: true })
      .click();
    await waitForToast(operator, `BAST ${handover.bastNumber} terverifikasi.`);
    await operator.context().close();
  } finally {
    await ds.query(`UPDATE programs SET requires_kelurahan_confirmation = false WHERE code = 'PANGAN'`);
  }
}, 180_000);
