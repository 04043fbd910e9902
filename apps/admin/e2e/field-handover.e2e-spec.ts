import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, deleteRedisKeys, testConfig, waitFor } from '@ksbb/testing';
import { needBody } from '@ksbb/testing/api';
import { SmtpPeer, startSmtpPeer } from '@ksbb/testing/notifications';
import {
  startApiProcess,
  startWorkerProcess,
  type ApiProcess,
  type WorkerProcess,
} from '@ksbb/testing/processes';
import { ensureAdminBuild } from './support/admin-build';
import { SCREENSHOTS, screenshot, signIn, waitForToast } from './support/browser';
import { startSpaServer, type SpaServer } from './support/spa-server';

/**
 * The "Done when" chain in Chromium, on a phone (390×844) against the real API, worker and an SMTP peer:
 * sign-up → the verification email's link → Pokja verifies the organisation → the donor makes and signs a
 * commitment → claims a need → hands it over with a camera photo and the device's location, first offline (kept on
 * the device, nothing created), then online with the first answer lost (created once, kept waiting) and sent again
 * by the button with the same Idempotency-Key (still exactly one handover, one photo) → the operator verifies it →
 * the QR code's URL opens the public page saying it is verified. And the app is installable: manifest, service worker,
 * and its shell opens offline.
 */
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };
/** a 1×1 PNG, as the phone's camera would hand it over */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const STAMP = randomBytes(3).toString('hex');
const NEED_TITLE = `Sembako lapangan ${STAMP}`;
const EMAIL = `lapangan-${STAMP}@example.org`;
const PASSWORD = 'Gotong-Royong-Lapangan-2026';

let api: ApiProcess;
let spa: SpaServer;
let smtp: SmtpPeer;
let worker: WorkerProcess;
let browser: Browser;
let operatorToken = '';

async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function tokenOf(email: string, password: string): Promise<string> {
  const res = await fetch(`${api.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** `YYYY-MM-DD` in Jakarta, days from today */
const jakartaDate = (days: number) =>
  new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

async function phone(
  options: { serviceWorkers?: 'allow' | 'block' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  // the chain's context blocks the service worker so the test sees (and can drop) the page's own API requests
  const context = await browser.newContext({
    baseURL: spa.url,
    viewport: PHONE,
    serviceWorkers: options.serviceWorkers ?? 'block',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

beforeAll(async () => {
  const distDir = ensureAdminBuild();
  api = await startApiProcess();
  spa = await startSpaServer(distDir, api.url);
  smtp = await startSmtpPeer();
  // the worker writes the email's link to the SPA under test; a busy machine may take a while to start it
  worker = await startWorkerProcess(
    testConfig(api.databaseUrl),
    { SMTP_URL: smtp.url, ADMIN_ORIGIN: spa.url },
    { timeoutMs: 150_000 },
  );
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  // an open need to claim
  operatorToken = await tokenOf(DEMO_ACCOUNTS.operator, DEMO_PASSWORD);
  const need = await call<{ id: string; version: number }>(
    'POST',
    '/api/v1/needs',
    operatorToken,
    needBody({ title: NEED_TITLE, dueDate: jakartaDate(60) }),
  );
  const published = await fetch(`${api.url}/api/v1/needs/${need.id}/publish`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operatorToken}`, 'if-match': `"${need.version}"` },
  });
  if (published.status !== 200) throw new Error(`publish: ${published.status}`);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await worker?.kill('SIGTERM');
  await smtp?.close();
  await spa?.close();
  if (api) await deleteRedisKeys(testConfig(api.databaseUrl).REDIS_PREFIX);
  await api?.close();
});

it('sign-up → email → verified → commitment → claim → handover offline, then online once → verified → public page', async () => {
  const { context, page } = await phone();
  try {
    // sign-up on the phone
    await page.goto('/signup');
    await page.getByLabel('Nama lengkap', { exact: true }).fill('Dewi Lestari');
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await page.getByLabel('Kata sandi', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Jenis kolaborator', { exact: true }).selectOption('business');
    await page.getByLabel('Nama perusahaan', { exact: true }).fill(`PT Lapangan ${STAMP}`);
    await page.getByLabel('NPWP', { exact: true }).fill('01.234.567.8-012.000');
    await page.getByLabel('Penanggung jawab', { exact: true }).fill('Dewi Lestari');
    await page.getByLabel(/Saya menyetujui syarat dan ketentuan/).check();
    await page.getByRole('button', { name: 'Daftar', exact: true }).click();
    // the password's hash takes a while on a busy machine
    await page.getByRole('heading', { level: 1, name: 'Langkah selanjutnya' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'field-1-signed-up-phone-id');

    // the verification email, read from the SMTP peer
    const mail = await waitFor(`the verification email to ${EMAIL}`, async () =>
      smtp.received.find((m) => m.to === EMAIL && m.event === 'user.email_verification_requested'),
    );
    const link = /\/verify-email\?token=[0-9a-f.-]+/.exec(mail.content)?.[0];
    expect(link).toBeDefined();
    await page.goto(link as string);
    expect(await page.getByTestId('verify-outcome').getAttribute('data-outcome')).toBe('success');

    // Pokja verifies the organisation
    const donorToken = await tokenOf(EMAIL, PASSWORD);
    const me = await call<{ collaborator: { id: string } }>('GET', '/api/v1/auth/me', donorToken);
    await call('POST', `/api/v1/collaborators/${me.collaborator.id}/verify`, operatorToken);

    // the donor makes and signs a commitment (it opens on the status page: "Buat komitmen")
    await page.getByRole('link', { name: 'Lihat langkah selanjutnya' }).click();
    await page.getByRole('button', { name: 'Periksa lagi' }).click();
    await page.getByRole('link', { name: 'Buat komitmen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Buat komitmen' }).waitFor();
    await page.getByLabel('Program').selectOption('PANGAN');
    const pkg = page.getByRole('group', { name: 'Paket ke-1' });
    await pkg.getByLabel('Paket').selectOption('SEMBAKO');
    await pkg.getByLabel('Jumlah').fill('10');
    await pkg.getByLabel('Nilai satuan').fill('200000');
    await page.getByLabel('Mulai').fill(jakartaDate(0));
    await page.getByLabel('Selesai').fill(jakartaDate(30));
    await page.getByRole('button', { name: 'Simpan dan lanjut ke tanda tangan' }).click();
    await page.getByRole('heading', { level: 2, name: 'Tanda tangani komitmen' }).waitFor();
    await page.getByLabel('Nama penanda tangan').fill('Dewi Lestari');
    await page.getByLabel('Jabatan').fill('Direktur');
    await page.getByRole('checkbox', { name: /menyetujuinya atas nama organisasi/ }).check();
    await page.getByRole('button', { name: 'Tanda tangani dan ajukan' }).click();
    const commitmentHeading = page.getByRole('heading', { level: 1, name: /^KOM\/PANGAN\/\d{4}\/\d{6}$/ });
    await commitmentHeading.waitFor();
    const commitmentNumber = (await commitmentHeading.textContent()) ?? '';
    const commitmentId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await screenshot(page, 'field-2-commitment-signed-phone-id');
    await call('POST', `/api/v1/commitments/${commitmentId}/approve`, operatorToken);

    // the claim, on the phone
    await page.goto('/open-needs');
    await page.getByLabel('Cari', { exact: true }).fill(NEED_TITLE);
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.getByRole('button', { name: `Klaim ${NEED_TITLE}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Klaim kebutuhan' });
    await dialog.getByLabel('Jumlah yang diklaim').fill('4');
    await dialog.getByRole('button', { name: 'Klaim sekarang' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await screenshot(page, 'field-3-claimed-phone-id');

    // the handover: camera photo, the device's location with its accuracy, region and giver prefilled
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({ latitude: -6.1702, longitude: 106.8219, accuracy: 12 });
    await page.goto('/deliveries');
    await page.getByRole('link', { name: 'Ajukan serah terima' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ajukan serah terima' }).waitFor();
    await page.getByLabel('Atas komitmen').selectOption({ label: commitmentNumber });
    expect(await page.getByRole('textbox', { name: 'Kode wilayah' }).inputValue()).toBe(needBody().regionCode);
    const giver = page.getByRole('group', { name: 'Pihak pertama (yang menyerahkan)' });
    expect(await giver.getByLabel('Organisasi').inputValue()).toBe(`PT Lapangan ${STAMP}`);
    await page.getByLabel('Alamat tempat serah terima').fill('Balai Warga RW 01, Gambir');
    const receiver = page.getByRole('group', { name: 'Pihak kedua (yang menerima)' });
    await receiver.getByLabel('Nama').fill('Budi Santoso');
    await receiver.getByLabel('Peran/jabatan').fill('Ketua RT 001');
    await page.getByRole('button', { name: 'Gunakan lokasi saya' }).click();
    await page.getByTestId('location-accuracy').filter({ hasText: 'Akurasi ± 12 m' }).waitFor();
    await page.locator('input[type=file][capture=environment]').setInputFiles({
      name: 'kamera.png',
      mimeType: 'image/png',
      buffer: PHOTO,
    });
    await page.getByRole('img', { name: 'kamera.png' }).waitFor();
    await screenshot(page, 'field-4-handover-form-phone-id');

    // offline: kept on the device, nothing created
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Ajukan serah terima' }).click();
    await waitForToast(page, /serah terima disimpan di perangkat ini/);
    const queue = page.getByTestId('offline-queue');
    await queue.filter({ hasText: 'Menunggu dikirim: 1 serah terima' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/deliveries');
    const handoversOfDonor = async () =>
      (
        await call<{ data: { id: string; bastNumber: string }[] }>(
          'GET',
          '/api/v1/handovers?limit=10',
          donorToken,
        )
      ).data;
    expect(await handoversOfDonor()).toEqual([]);
    await screenshot(page, 'field-5-queued-offline-phone-id');

    // online again: the queue sends by itself, but this first answer is lost on the way back (the API did create it)
    let dropped = 0;
    await page.route(
      (url) => url.pathname === '/api/v1/handovers',
      async (route) => {
        if (route.request().method() !== 'POST' || dropped > 0) return route.continue();
        dropped += 1;
        await route.fetch();
        await route.abort('connectionreset');
      },
    );
    await context.setOffline(false);
    await waitFor('the first send, answer lost', async () => (dropped === 1 ? true : undefined));
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="offline-queue"] button[disabled]'),
    );
    await queue.filter({ hasText: 'Menunggu dikirim: 1 serah terima' }).waitFor(); // still waiting
    expect(await handoversOfDonor()).toHaveLength(1);

    // sent again by the button with the same Idempotency-Key: the API answers the one it made, the photo follows
    await queue.getByRole('button', { name: 'Kirim sekarang' }).click();
    await waitForToast(page, /Serah terima BAST\/PANGAN\/\d{4}\/\d{6} terkirim\./);
    await queue.waitFor({ state: 'detached' });
    const [created] = await handoversOfDonor();
    expect(await handoversOfDonor()).toHaveLength(1);
    const handover = await call<{
      bastNumber: string;
      location: { lat: number; lon: number; accuracyM: number };
      attachments: unknown[];
      totalQuantity: number;
    }>('GET', `/api/v1/handovers/${created.id}`, donorToken);
    expect(handover).toMatchObject({
      totalQuantity: 4,
      location: { lat: -6.1702, lon: 106.8219, accuracyM: 12 },
      attachments: [expect.objectContaining({ contentType: 'image/png' })],
    });
    await screenshot(page, 'field-6-sent-phone-id');

    // the operator verifies it
    const operatorContext = await browser.newContext({
      baseURL: spa.url,
      viewport: LAPTOP,
      serviceWorkers: 'block',
    });
    const operator = await operatorContext.newPage();
    operator.setDefaultTimeout(15_000);
    await signIn(operator, DEMO_ACCOUNTS.operator);
    await operator.goto(`/handovers/${created.id}`);
    await operator.getByRole('heading', { level: 1, name: handover.bastNumber }).waitFor();
    await operator.getByTestId('handover-point').filter({ hasText: 'akurasi ± 12 m' }).waitFor();
    await operator.getByRole('button', { name: 'Verifikasi' }).click();
    // verifying a BAST is irreversible: it asks first
    await operator.getByRole('dialog').getByRole('button', { name: 'Verifikasi', exact: true }).click();
    await waitForToast(operator, `BAST ${handover.bastNumber} terverifikasi.`);
    await screenshot(operator, 'field-7-verified-laptop-id');
    await operatorContext.close();

    // the QR code's URL opens the public page, which says it is verified
    const { verificationUrl } = await call<{ verificationUrl: string }>(
      'GET',
      `/api/v1/handovers/${created.id}`,
      donorToken,
    );
    expect(new URL(verificationUrl).pathname).toBe(`/bast/${handover.bastNumber}`);
    const citizen = await phone();
    await citizen.page.goto(new URL(verificationUrl).pathname);
    const verdict = citizen.page.getByTestId('bast-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('verified');
    expect(await citizen.page.getByText('akurasi', { exact: false }).count()).toBe(0); // never public
    await screenshot(citizen.page, 'field-8-public-bast-phone-id');
    await citizen.context.close();
  } catch (error) {
    await screenshot(page, 'field-failed-phone-id').catch(() => undefined); // where the chain stopped
    throw error;
  } finally {
    await context.close();
  }
}, 120_000);

it('is installable: the manifest and the service worker, whose kept shell opens without a connection', async () => {
  const { context, page } = await phone({ serviceWorkers: 'allow' });
  try {
    await page.goto('/login');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const href = await page.locator('link[rel=manifest]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');
    const manifest = await context.request.get(href as string);
    expect(manifest.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    expect(await manifest.json()).toMatchObject({
      start_url: '/',
      display: 'standalone',
      theme_color: '#0b4a8b',
      icons: expect.arrayContaining([
        expect.objectContaining({ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }),
        expect.objectContaining({ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' }),
      ]),
    });
    for (const size of [192, 512])
      expect((await context.request.get(`/icons/icon-${size}.png`)).status()).toBe(200);
    // the worker is active and controls the page once it has kept the shell
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${spa.url}/`);
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await context.setOffline(true);
    await page.goto('/login');
    await page.getByRole('button', { name: 'Masuk', exact: true }).waitFor();
    await screenshot(page, 'field-installable-offline-login-phone-id');
  } finally {
    await context.close();
  }
}, 60_000);
