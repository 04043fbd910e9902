import type { BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@ksbb/testing';
import { commitmentBody, needBody, pdfText, SIGNATURE } from '@ksbb/testing/api';
import { MAIN_NAV, screenshot, signInByApi, startE2e, useLanguage, type E2e } from './support/browser';

/**
 * Phones and time zones, in Chromium against the real API. At 390×844 (a phone) and 1366×768 (a laptop) every donor
 * and aggregator page fits: no sideways page scroll, no button or link cut off, the Klaim button within reach, the
 * navigation a drawer on the phone that opens and closes by keyboard. A browser in Berlin that types 10:00 submits
 * 10:00 WIB (03:00 UTC) and the BAST prints "10.00 WIB". Screenshots of each page at both sizes, in id and en.
 *
 * On CI (`CI` set) each page is checked in one language per size, the other one at the other size (as the sweep in
 * all-pages.e2e-spec.ts does): the n-th page of a list in Indonesian on the laptop and English on the phone when n is
 * even, the reverse when odd; so every page still fits at both sizes and is seen in both languages. Without `CI` every
 * page is checked in both languages at both sizes.
 */
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };
const SIZES = [
  { name: 'phone', viewport: PHONE },
  { name: 'laptop', viewport: LAPTOP },
] as const;
type SizeName = (typeof SIZES)[number]['name'];
const CI = !!process.env.CI;
/** a 1×1 PNG */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const STAMP = Date.now();
const NEED_TITLE = `Sembako RT 001 uji ponsel dengan judul yang cukup panjang ${STAMP}`;

let e2e: E2e;
const tokens: Record<string, string> = {};
let needId = '';
let commitmentNumber = '';
let commitmentId = '';

async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${e2e.api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer())) as T;
}

async function login(email: string): Promise<string> {
  const res = await fetch(`${e2e.api.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** `YYYY-MM-DD` in Jakarta, days from today */
function jakartaDate(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  e2e = await startE2e();
  tokens.operator = await login(DEMO_ACCOUNTS.operator);
  tokens.donor = await login(DEMO_ACCOUNTS.collaborator);
  // an open need with a long title, an approved commitment of the demo donor and a claim on the need
  const need = await call<{ id: string; version: number }>(
    'POST',
    '/api/v1/needs',
    tokens.operator,
    needBody({ title: NEED_TITLE, dueDate: jakartaDate(60) }),
  );
  needId = need.id;
  const res = await fetch(`${e2e.api.url}/api/v1/needs/${needId}/publish`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.operator}`, 'if-match': `"${need.version}"` },
  });
  if (res.status !== 200) throw new Error(`publish: ${res.status} ${await res.text()}`);
  const me = await call<{ collaborator: { id: string } }>('GET', '/api/v1/auth/me', tokens.donor);
  const commitment = await call<{ id: string }>('POST', '/api/v1/commitments', tokens.donor, {
    ...commitmentBody(me.collaborator.id),
    plannedFrom: jakartaDate(-2),
    plannedTo: jakartaDate(30),
  });
  await call('POST', `/api/v1/commitments/${commitment.id}/sign`, tokens.donor, SIGNATURE);
  const approved = await call<{ number: string }>(
    'POST',
    `/api/v1/commitments/${commitment.id}/approve`,
    tokens.operator,
  );
  commitmentNumber = approved.number;
  commitmentId = commitment.id;
  await call('POST', '/api/v1/allocations', tokens.donor, {
    commitmentId: commitment.id,
    needId,
    quantity: 5,
  });
}, 180_000);

afterAll(() => e2e?.close());

async function openAs(
  email: string,
  viewport: { width: number; height: number },
  options: { timezoneId?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext({ baseURL: e2e.spa.url, viewport, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signInByApi(context, e2e.api.url, email);
  await page.goto('/');
  // signed in: the drawer's menu button (phone) or the navigation itself (laptop)
  await page
    .getByRole('button', { name: 'Menu', exact: true })
    .or(page.getByRole('navigation', { name: MAIN_NAV }))
    .first()
    .waitFor({ timeout: 30_000 }); // the session resumes, then the home loads (slow on a busy machine)
  return { context, page };
}

/** Wait for the page's heading and for its data (no spinner left). */
async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.spinner').length === 0);
}

/**
 * Nothing wider than the window: the page does not scroll sideways, and every visible control (buttons, links,
 * fields) lies within the viewport's width. Returns what sticks out, to show in the failure.
 */
async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; cutOff: string[] }> {
  return page.evaluate(() => {
    const cutOff: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(
      'main button, main a, main input, main select, main textarea, header button, header a',
    )) {
      const box = element.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue; // not shown (or visually hidden)
      if (box.left < -1 || box.right > window.innerWidth + 1)
        cutOff.push(
          `${element.tagName} "${(element.textContent ?? '').trim().slice(0, 40)}" ${box.left}–${box.right}`,
        );
    }
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > window.innerWidth) {
      // name the innermost elements that stick out, so that the failure says where to look
      const wide = [...document.querySelectorAll<HTMLElement>('body *')].filter(
        (element) =>
          element.getBoundingClientRect().right > window.innerWidth + 1 &&
          ![...element.children].some((child) => child.getBoundingClientRect().right > window.innerWidth + 1),
      );
      for (const element of wide.slice(0, 3))
        cutOff.push(
          `wide: ${element.tagName}.${element.className} → ${element.getBoundingClientRect().right}`,
        );
    }
    return { scrollWidth, innerWidth: window.innerWidth, cutOff };
  });
}

async function expectFits(page: Page, label: string): Promise<void> {
  const found = await overflow(page);
  expect({ label, ...found, scrollWidth: found.scrollWidth <= found.innerWidth }).toEqual({
    label,
    scrollWidth: true,
    innerWidth: found.innerWidth,
    cutOff: [],
  });
}

/** The control, scrolled to (down, never sideways), lies within the window's width. */
async function expectWithin(control: Locator, width: number): Promise<void> {
  // The list may render once more as its query settles (e.g. right after a search): the locator then finds the new
  // element on the next try, so "not attached" is retried, never taken for an answer.
  for (let attempt = 1; ; attempt++) {
    try {
      await control.scrollIntoViewIfNeeded();
      break;
    } catch (err) {
      if (attempt >= 5 || !/not attached/i.test((err as Error).message)) throw err;
      await control.page().waitForTimeout(200);
    }
  }
  const box = await control.boundingBox();
  if (!box) throw new Error('the control is not shown');
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
}

/** The languages a page (the n-th of its list) is checked in at a size: both, or on CI one (see the header). */
function languagesOf(index: number, size: SizeName): ('id' | 'en')[] {
  if (!CI) return ['id', 'en'];
  return (index % 2 === 0) === (size === 'laptop') ? ['id'] : ['en'];
}

async function visitAll(page: Page, paths: string[], who: string, size: SizeName): Promise<void> {
  for (const language of ['id', 'en'] as const) {
    if (language === 'en') await useLanguage(page, 'en');
    for (const path of paths.filter((_, index) => languagesOf(index, size).includes(language))) {
      await page.goto(path);
      await settle(page);
      expect(new URL(page.url()).pathname).toBe(path); // still signed in, not sent elsewhere
      await expectFits(page, `${who} ${path} at ${size} in ${language}`);
      const name = path === '/' ? 'dashboard' : path.slice(1).replaceAll('/', '-');
      await screenshot(page, `phone-${who}-${name}-${size}-${language}`);
    }
  }
  await useLanguage(page, 'id');
}

describe('phone-first pages at 390×844 and 1366×768', () => {
  it.each(SIZES)(
    "the donor's pages fit at the $name size, with Klaim within reach",
    async ({ name, viewport }) => {
      const { context, page } = await openAs(DEMO_ACCOUNTS.collaborator, viewport);

      // the open needs: the long-titled need's Klaim button is on screen (after scrolling down, never sideways)
      await page.goto('/open-needs');
      await settle(page);
      await page.getByLabel('Cari', { exact: true }).fill(NEED_TITLE);
      await page.getByRole('button', { name: 'Terapkan' }).click();
      const claim = page.getByRole('button', { name: `Klaim ${NEED_TITLE}` });
      await expectWithin(claim, viewport.width);
      await claim.click();
      await page.getByRole('dialog', { name: 'Klaim kebutuhan' }).waitFor();
      await expectFits(page, `claim dialog at ${name}`);
      await page.keyboard.press('Escape');

      // my claims: the status and the actions of the claim are within the window
      await page.goto('/my-claims');
      await settle(page);
      const row = page.getByRole('row').filter({ hasText: NEED_TITLE });
      await row.getByText('Dipesan').waitFor();
      const controls = await row.getByRole('button').or(row.getByRole('link')).all();
      expect(controls.length).toBeGreaterThanOrEqual(1); // "Lepas klaim"
      for (const control of controls) await expectWithin(control, viewport.width);

      await visitAll(
        page,
        [
          '/',
          '/my-organisation',
          '/open-needs',
          '/my-commitments',
          '/my-commitments/new',
          `/my-commitments/${commitmentId}`,
          '/my-claims',
          '/deliveries',
          '/deliveries/new',
        ],
        'donor',
        name,
      );
      await context.close();
    },
    180_000,
  );

  it.each(SIZES)(
    "the aggregator's pages fit at the $name size",
    async ({ name, viewport }) => {
      const { context, page } = await openAs(DEMO_ACCOUNTS.aggregator, viewport);
      await visitAll(page, ['/', '/assignments', '/deliveries', '/deliveries/new'], 'aggregator', name);
      await context.close();
    },
    180_000,
  );

  it.each(SIZES)(
    'the public page and the login page fit at the $name size',
    async ({ name, viewport }) => {
      const context = await e2e.browser.newContext({ baseURL: e2e.spa.url, viewport });
      const page = await context.newPage();
      for (const path of ['/public', '/login']) {
        await page.goto(path);
        await settle(page);
        if (path === '/public') await page.getByTestId('public-needs').waitFor();
        await expectFits(page, `${path} at ${name}`);
        await screenshot(page, `phone-anonymous-${path.slice(1)}-${name}-id`);
      }
      await context.close();
    },
    60_000,
  );

  it('on a phone the navigation is a drawer that opens and closes by keyboard', async () => {
    const { context, page } = await openAs(DEMO_ACCOUNTS.collaborator, PHONE);
    const menu = page.getByRole('button', { name: 'Menu', exact: true });
    const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false); // closed: out of sight and out of the tab order

    await menu.focus();
    await page.keyboard.press('Enter');
    await nav.waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    // the focus moved into the drawer, which fits the phone
    expect(await page.evaluate(() => document.activeElement?.closest('nav')?.id)).toBe('main-nav');
    await expectWithin(nav, PHONE.width);
    await screenshot(page, 'phone-drawer-phone-id');

    await page.keyboard.press('Escape');
    await nav.waitFor({ state: 'hidden' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Menu'); // focus back

    // a link followed from the drawer closes it
    await page.keyboard.press('Enter');
    await nav.getByRole('link', { name: 'Klaim saya', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Klaim saya' }).waitFor();
    await nav.waitFor({ state: 'hidden' });

    // on a laptop there is no menu button: the navigation is always there
    await page.setViewportSize(LAPTOP);
    await nav.waitFor();
    expect(await menu.isVisible()).toBe(false);
    await context.close();
  }, 60_000);

  it('a phone in Berlin that types 10:00 submits 10:00 WIB and the BAST prints 10.00 WIB', async () => {
    const { context, page } = await openAs(DEMO_ACCOUNTS.collaborator, PHONE, {
      timezoneId: 'Europe/Berlin',
    });
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({ latitude: -6.1702, longitude: 106.8219, accuracy: 12 });
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('Europe/Berlin');

    // keep what the page sends to create the handover (the client sends a Request, whose body the
    // protocol does not show)
    await page.addInitScript(() => {
      const send = window.fetch.bind(window);
      window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
        if (input instanceof Request && input.method === 'POST' && input.url.endsWith('/api/v1/handovers'))
          (window as unknown as { sentHandover?: string }).sentHandover = await input.clone().text();
        return send(input, init);
      };
    });
    await page.goto('/deliveries/new');
    await page.getByRole('heading', { level: 1, name: 'Ajukan serah terima' }).waitFor();
    await page.getByLabel('Atas komitmen').selectOption({ label: commitmentNumber });
    const item = page.getByRole('group', { name: NEED_TITLE });
    expect(await item.getByLabel('Jumlah diserahkan').inputValue()).toBe('5');
    // region from the claim, giver's organisation from the donor's organisation
    expect(await page.getByRole('textbox', { name: 'Kode wilayah' }).inputValue()).toBe(
      needBody().regionCode,
    );
    const giver = page.getByRole('group', { name: 'Pihak pertama (yang menyerahkan)' });
    expect(await giver.getByLabel('Nama').inputValue()).not.toBe('');
    expect(await giver.getByLabel('Organisasi').inputValue()).not.toBe('');

    // yesterday at 10:00, typed on the Jakarta wall clock
    const day = jakartaDate(-1);
    await page.getByLabel('Waktu serah terima').fill(`${day}T10:00`);
    await page.getByLabel('Alamat tempat serah terima').fill('Balai Warga RW 01, Gambir');
    const receiver = page.getByRole('group', { name: 'Pihak kedua (yang menerima)' });
    await receiver.getByLabel('Nama').fill('Budi Santoso');
    await receiver.getByLabel('Peran/jabatan').fill('Ketua RT 001');

    await page.getByRole('button', { name: 'Gunakan lokasi saya' }).click();
    await page.getByTestId('location-accuracy').filter({ hasText: 'Akurasi ± 12 m' }).waitFor();
    expect(await page.getByLabel('Lintang').inputValue()).toBe('-6.170200');
    expect(await page.getByLabel('Bujur').inputValue()).toBe('106.821900');

    const camera = page.locator('input[type=file][capture=environment]');
    expect(await camera.getAttribute('accept')).toBe('image/*');
    await camera.setInputFiles({ name: 'kamera.png', mimeType: 'image/png', buffer: PHOTO });
    await page.getByRole('img', { name: 'kamera.png' }).waitFor();
    await expectFits(page, 'handover form filled in on the phone');
    await screenshot(page, 'phone-handover-filled-phone-id');

    const submit = page.getByRole('button', { name: 'Ajukan serah terima' });
    await expectWithin(submit, PHONE.width);
    await submit.click();
    await page.waitForFunction(() => (window as unknown as { sentHandover?: string }).sentHandover);
    const body = JSON.parse(
      await page.evaluate(() => (window as unknown as { sentHandover: string }).sentHandover),
    ) as { handedOverAt: string; location: { lat?: number; lon?: number } };
    expect(body.handedOverAt).toBe(`${day}T10:00:00+07:00`);
    expect(body.location).toMatchObject({ lat: -6.1702, lon: 106.8219 });

    const heading = page.getByRole('heading', { level: 1, name: /^BAST\/PANGAN\/\d{4}\/\d{6}$/ });
    await heading.waitFor();
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const handover = await call<{ handedOverAt: string }>('GET', `/api/v1/handovers/${id}`, tokens.donor);
    expect(new Date(handover.handedOverAt).toISOString()).toBe(`${day}T03:00:00.000Z`);
    // the detail page shows it in WIB too, not Berlin's 04:00
    await page
      .getByText(/, 10\.00 WIB$/)
      .first()
      .waitFor();
    await expectFits(page, 'handover detail on the phone');
    await screenshot(page, 'phone-handover-detail-phone-id');

    const pdf = await call<Buffer>('GET', `/api/v1/handovers/${id}/bast.pdf`, tokens.donor);
    expect(pdfText(pdf)).toMatch(/pukul\s+10\.00\s+WIB/);
    await context.close();
  }, 90_000);
});
