import type { Page } from 'playwright-core';
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
 * The claim flow through the screens, against the real API: an operator creates and publishes a need; the donor
 * (a collaborator) makes and signs a commitment; the operator approves it; the donor claims the need and sees the
 * claim's countdown, then submits the handover with a photo; the operator reviews and verifies it and the dashboard's
 * numbers move. Screenshots of each main screen in Indonesian and English.
 */
/** a 1×1 PNG: the API checks the content, not the file name */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const NEED_TITLE = `Sembako RT 001 uji e2e ${Date.now()}`;
const REGION = '31.71.01.1001.RW01.RT001';

let e2e: E2e;
let operator: Page;
let donor: Page;
let commitmentNumber = '';
let bastNumber = '';

beforeAll(async () => {
  e2e = await startE2e();
  ({ page: operator } = await e2e.openContext());
  ({ page: donor } = await e2e.openContext());
  await signIn(operator, DEMO_ACCOUNTS.operator);
  await signIn(donor, DEMO_ACCOUNTS.collaborator);
}, 120_000);

afterAll(() => e2e?.close());

function isoDate(daysFromToday: number): string {
  return new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);
}

describe('claim flow in Chromium', () => {
  it('the operator creates a need (with client-side validation first) and publishes it', async () => {
    await openFromNav(operator, 'Kebutuhan');
    await operator.getByRole('link', { name: 'Kebutuhan baru' }).click();
    await operator.getByRole('heading', { level: 1, name: 'Kebutuhan baru' }).waitFor();

    // nothing filled: the form says what is missing and sends nothing
    await operator.getByRole('button', { name: 'Simpan draf' }).click();
    await operator.getByText(/Periksa kembali \d+ isian yang ditandai/).waitFor();
    expect(await operator.getByLabel('Judul').getAttribute('aria-invalid')).toBe('true');

    await operator.getByLabel('Program').selectOption('PANGAN');
    await operator.getByLabel('Paket').selectOption('SEMBAKO');
    await operator.getByLabel('Judul').fill(NEED_TITLE);
    await operator.getByLabel('Kode wilayah').fill(REGION);
    await operator.getByLabel('Jumlah', { exact: true }).fill('40');
    await operator.getByLabel('Jumlah penerima manfaat').fill('40');
    await operator.getByLabel('Lintang').fill('-6.1702');
    await operator.getByLabel('Bujur').fill('106.8219');
    await operator.getByLabel('Nama kontak').fill('Budi Santoso');
    await operator.getByLabel('Telepon kontak').fill('not a phone');
    await operator.getByRole('button', { name: 'Simpan draf' }).click();
    await operator.getByText('Nomor telepon hanya berisi angka').waitFor();
    await screenshot(operator, 'need-form-id');

    await operator.getByLabel('Telepon kontak').fill('+62812345678');
    await operator.getByRole('button', { name: 'Simpan draf' }).click();
    await waitForToast(operator, `Kebutuhan "${NEED_TITLE}" disimpan sebagai draf.`);
    await operator.getByRole('heading', { level: 1, name: 'Kebutuhan' }).waitFor();

    const row = operator.getByRole('row').filter({ hasText: NEED_TITLE });
    await row.getByText('Draf').waitFor();
    await row.getByRole('button', { name: `Terbitkan ${NEED_TITLE}` }).click();
    await operator.getByRole('dialog').getByRole('button', { name: 'Terbitkan', exact: true }).click();
    await waitForToast(operator, `Kebutuhan "${NEED_TITLE}" diterbitkan.`);
    await row.getByText('Terbuka').waitFor();
    await screenshot(operator, 'needs-id');

    await operator.getByRole('button', { name: 'Peta' }).click();
    const map = operator.getByTestId('leaflet-map');
    await map.waitFor();
    expect(Number(await map.getAttribute('data-points'))).toBeGreaterThanOrEqual(1);
    // no tile URL is configured: the map draws its markers (SVG paths) on a plain background
    expect(await map.locator('path.leaflet-interactive').count()).toBeGreaterThanOrEqual(1);
    await screenshot(operator, 'needs-map-id');
  });

  it('the donor makes a commitment and signs it', async () => {
    await openFromNav(donor, 'Organisasi saya');
    await donor.getByText('Terverifikasi', { exact: true }).waitFor();
    await screenshot(donor, 'my-organisation-id');

    await openFromNav(donor, 'Komitmen saya');
    await donor.getByRole('link', { name: 'Buat komitmen' }).click();
    await donor.getByRole('heading', { level: 1, name: 'Buat komitmen' }).waitFor();
    await donor.getByLabel('Program').selectOption('PANGAN');
    await donor.getByRole('group', { name: 'Paket ke-1' }).getByLabel('Paket').selectOption('SEMBAKO');
    await donor.getByRole('group', { name: 'Paket ke-1' }).getByLabel('Jumlah').fill('25');
    // out of the package's range: refused before sending, with the range in the message
    await donor.getByRole('group', { name: 'Paket ke-1' }).getByLabel('Nilai satuan').fill('1000');
    await donor.getByLabel('Mulai').fill(isoDate(0));
    await donor.getByLabel('Selesai').fill(isoDate(30));
    await donor.getByRole('button', { name: 'Simpan dan lanjut ke tanda tangan' }).click();
    await donor.getByText(/^Nilai satuan harus antara Rp\s150\.000 dan Rp\s300\.000\.$/).waitFor();

    await donor.getByRole('group', { name: 'Paket ke-1' }).getByLabel('Nilai satuan').fill('200000');
    await donor
      .getByText(/^Rp\s5\.000\.000$/)
      .first()
      .waitFor(); // 25 × Rp 200.000, formatted for Indonesian
    await screenshot(donor, 'commitment-form-id');
    await donor.getByRole('button', { name: 'Simpan dan lanjut ke tanda tangan' }).click();
    await donor.getByRole('heading', { level: 2, name: 'Tanda tangani komitmen' }).waitFor();

    // signing without agreeing is refused in place
    await donor.getByLabel('Nama penanda tangan').fill('Siti Rahmawati');
    await donor.getByLabel('Jabatan').fill('Direktur CSR');
    await donor.getByRole('button', { name: 'Tanda tangani dan ajukan' }).click();
    await donor.getByText('Centang persetujuan untuk menandatangani.').waitFor();
    await donor.getByRole('checkbox', { name: /menyetujuinya atas nama organisasi/ }).check();
    await donor.getByRole('button', { name: 'Tanda tangani dan ajukan' }).click();

    const heading = donor.getByRole('heading', { level: 1, name: /^KOM\/PANGAN\/\d{4}\/\d{6}$/ });
    await heading.waitFor();
    commitmentNumber = (await heading.textContent()) ?? '';
    await donor.getByText('Menunggu persetujuan').first().waitFor();
    expect(await donor.getByTestId('commitment-total').textContent()).toMatch(/^Rp\s5\.000\.000$/);
    await screenshot(donor, 'commitment-signed-id');
  });

  it('the operator approves it and opens the form PDF', async () => {
    await openFromNav(operator, 'Komitmen');
    await operator.getByLabel('Status', { exact: true }).selectOption('submitted');
    await operator.getByRole('link', { name: new RegExp(`^${commitmentNumber}`) }).click();
    await operator.getByRole('heading', { level: 1, name: commitmentNumber }).waitFor();
    await screenshot(operator, 'commitment-review-id');

    await operator.getByRole('button', { name: 'Formulir komitmen (PDF)' }).click();
    const link = operator.getByTestId('form-pdf-link');
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^blob:/);

    await operator.getByRole('button', { name: 'Setujui' }).click();
    await operator.getByRole('dialog').getByRole('button', { name: 'Setujui', exact: true }).click();
    await waitForToast(operator, `Komitmen ${commitmentNumber} disetujui.`);
    await operator.getByText('Disetujui', { exact: true }).first().waitFor();
  });

  it("the donor claims the need and sees the countdown to the claim's expiry", async () => {
    await openFromNav(donor, 'Kebutuhan terbuka');
    await donor.getByLabel('Cari', { exact: true }).fill(NEED_TITLE);
    await donor.getByRole('button', { name: 'Terapkan' }).click();
    const row = donor.getByRole('row').filter({ hasText: NEED_TITLE });
    await row.getByRole('button', { name: `Klaim ${NEED_TITLE}` }).click();

    const dialog = donor.getByRole('dialog', { name: 'Klaim kebutuhan' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Atas komitmen').inputValue()).not.toBe('');
    await dialog.getByLabel('Jumlah yang diklaim').fill('60');
    await dialog.getByRole('button', { name: 'Klaim sekarang' }).click();
    await dialog.getByText('Paling banyak 25.').waitFor(); // 40 needed, 25 left on the commitment
    await dialog.getByLabel('Jumlah yang diklaim').fill('20');
    await screenshot(donor, 'claim-dialog-id');
    await dialog.getByRole('button', { name: 'Klaim sekarang' }).click();
    await waitForToast(donor, `Kebutuhan "${NEED_TITLE}" berhasil diklaim.`);
    await row.getByRole('cell', { name: '20', exact: true }).waitFor(); // 40 − 20 still available
    await screenshot(donor, 'open-needs-id');

    await openFromNav(donor, 'Klaim saya');
    const claim = donor.getByRole('row').filter({ hasText: NEED_TITLE });
    await claim.getByText('Dipesan').waitFor();
    const countdown = claim.locator('.countdown time');
    const first = await countdown.textContent();
    expect(first).toMatch(/^\d+ hari \d{2}:\d{2}:\d{2}$/);
    // it ticks: its text changes within the page's timeout (waited for, not slept)
    await countdown.filter({ hasNotText: first ?? '' }).waitFor();
    expect(await countdown.textContent()).toMatch(/^\d+ hari \d{2}:\d{2}:\d{2}$/);
    await screenshot(donor, 'my-claims-id');

    await useLanguage(donor, 'en');
    await donor.getByRole('heading', { level: 1, name: 'My claims' }).waitFor();
    expect(await claim.locator('.countdown time').textContent()).toMatch(/^\d+ days \d{2}:\d{2}:\d{2}$/);
    await claim.getByText('Reserved').waitFor();
    await screenshot(donor, 'my-claims-en');
  });

  it('the operator sees the claim, expiring soonest first, and the main screens in English', async () => {
    await openFromNav(operator, 'Klaim');
    await operator.getByRole('row').filter({ hasText: NEED_TITLE }).locator('.countdown').waitFor();
    await screenshot(operator, 'allocations-id');

    await useLanguage(operator, 'en');
    await openFromNav(operator, 'Needs');
    await operator.getByRole('row').filter({ hasText: NEED_TITLE }).getByText('Open').waitFor();
    await screenshot(operator, 'needs-en');
    await openFromNav(operator, 'Commitments');
    await operator.getByRole('link', { name: new RegExp(`^${commitmentNumber}`) }).click();
    await operator.getByText('IDR', { exact: false }).first().waitFor(); // rupiah in the English format
    await screenshot(operator, 'commitment-review-en');
    await openFromNav(operator, 'Collaborators');
    await operator.getByRole('table').waitFor();
    await screenshot(operator, 'collaborators-en');
    await useLanguage(operator, 'id');
    await screenshot(operator, 'collaborators-id');
  });

  it('the donor submits the handover of the claim with a photo and a beneficiary', async () => {
    await useLanguage(donor, 'id');
    await openFromNav(donor, 'Penyaluran saya');
    await donor.getByRole('link', { name: 'Ajukan serah terima' }).click();
    await donor.getByRole('heading', { level: 1, name: 'Ajukan serah terima' }).waitFor();

    await donor.getByLabel('Atas komitmen').selectOption({ label: commitmentNumber });
    const item = donor.getByRole('group', { name: NEED_TITLE });
    expect(await item.getByRole('checkbox').isChecked()).toBe(true);
    expect(await item.getByLabel('Jumlah diserahkan').inputValue()).toBe('20');
    expect(await donor.getByRole('textbox', { name: 'Kode wilayah' }).inputValue()).toBe(REGION);
    await donor.getByLabel('Alamat tempat serah terima').fill('Balai Warga RW 01, Gambir');
    await donor
      .getByRole('group', { name: 'Pihak kedua (yang menerima)' })
      .getByLabel('Nama')
      .fill('Budi Santoso');
    await donor
      .getByRole('group', { name: 'Pihak kedua (yang menerima)' })
      .getByLabel('Peran/jabatan')
      .fill('Ketua RT 001');
    await donor.getByRole('button', { name: 'Tambah saksi' }).click();
    await donor.getByRole('group', { name: 'Saksi 1' }).getByLabel('Nama').fill('Sari Wulandari');
    await donor.getByRole('group', { name: 'Saksi 1' }).getByLabel('Peran/jabatan').fill('Lurah');
    await donor.getByRole('button', { name: 'Tambah penerima' }).click();
    await donor.getByRole('group', { name: 'Penerima manfaat 1' }).getByLabel('NIK').fill('31710145019');
    await donor.getByRole('group', { name: 'Penerima manfaat 1' }).getByLabel('Nama').fill('Siti Aminah');
    await donor.getByLabel('Tambah foto (JPEG/PNG) atau PDF').setInputFiles({
      name: 'serah-terima.png',
      mimeType: 'image/png',
      buffer: PHOTO,
    });
    await donor.getByRole('img', { name: 'serah-terima.png' }).waitFor();

    // a short NIK is refused before anything is sent
    await donor.getByRole('button', { name: 'Ajukan serah terima' }).click();
    await donor.getByText('NIK terdiri dari 16 angka.').waitFor();
    await donor.getByRole('group', { name: 'Penerima manfaat 1' }).getByLabel('NIK').fill('3171014501900001');
    await screenshot(donor, 'handover-form-id');
    await donor.getByRole('button', { name: 'Ajukan serah terima' }).click();

    const heading = donor.getByRole('heading', { level: 1, name: /^BAST\/PANGAN\/\d{4}\/\d{6}$/ });
    await heading.waitFor();
    bastNumber = (await heading.textContent()) ?? '';
    await donor.getByText('Menunggu verifikasi').first().waitFor();
    await donor.getByRole('img', { name: 'serah-terima.png' }).waitFor();
    await screenshot(donor, 'handover-submitted-id');
  });

  it('the operator reviews the handover with its photo, verifies it, and the dashboard numbers move', async () => {
    await openFromNav(operator, 'Dasbor', /^Selamat datang, /);
    const delivered = operator.getByTestId('summary-delivered');
    await delivered.waitFor();
    expect(await delivered.textContent()).toBe('0');
    await operator.getByTestId('dashboard.pendingHandovers').filter({ hasText: /^1$/ }).waitFor();

    await openFromNav(operator, 'Serah terima', 'Serah terima (BAST)');
    await operator.getByRole('link', { name: bastNumber }).click();
    await operator.getByRole('heading', { level: 1, name: bastNumber }).waitFor();
    const photo = operator.getByRole('img', { name: 'serah-terima.png' });
    await photo.waitFor();
    // the preview really loaded through the client (an object URL of the bytes the donor uploaded)
    expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await operator.getByText('3171********0001').waitFor(); // Pokja sees the recipient, NIK masked
    await screenshot(operator, 'handover-review-id');

    await operator.getByRole('button', { name: 'Dokumen BAST (PDF)' }).click();
    expect(await operator.getByTestId('bast-pdf-link').getAttribute('href')).toMatch(/^blob:/);

    await operator.getByRole('button', { name: 'Verifikasi' }).click();
    await operator.getByRole('dialog').getByRole('button', { name: 'Verifikasi', exact: true }).click();
    await waitForToast(operator, `BAST ${bastNumber} terverifikasi.`);
    await operator.getByText('Terverifikasi', { exact: true }).first().waitFor();

    await openFromNav(operator, 'Dasbor', /^Selamat datang, /);
    await operator.waitForFunction(
      () => document.querySelector('[data-testid="summary-delivered"]')?.textContent === '20',
    );
    expect(await operator.getByTestId('summary-verified').textContent()).toBe('1');
    await operator.getByTestId('dashboard.pendingHandovers').filter({ hasText: /^0$/ }).waitFor();
    await screenshot(operator, 'dashboard-operator-id');
    await useLanguage(operator, 'en');
    await operator.getByText('Progress summary').waitFor();
    await screenshot(operator, 'dashboard-operator-en');
  });

  it('the public page shows the headline numbers and the needs map without login', async () => {
    const { context, page } = await e2e.openContext();
    await page.goto('/public');
    await page.getByRole('heading', { level: 1, name: 'Kebutuhan warga Jakarta' }).waitFor();
    await page.getByTestId('public-needs').waitFor();
    await page.getByTestId('leaflet-map').waitFor();
    await screenshot(page, 'public-id');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: "Jakarta residents' needs" }).waitFor();
    await screenshot(page, 'public-en');
    await context.close();
  });
});
