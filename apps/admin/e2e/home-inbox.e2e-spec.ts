import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS } from '@ksbb/testing';
import { claimedAllocation, remoteTestApi } from '@ksbb/testing/api';
import { MAIN_NAV, screenshot, signInByApi, startE2e, useLanguage, type E2e } from './support/browser';

/**
 * The donor's home and the notification inbox, in Chromium against the real API, at 390×844 and 1366×768: a claim
 * expiring in two hours shows on the home with a live countdown; the header's bell names the unread count; opening
 * the inbox by keyboard and marking one, then all, read lowers the count; no serious or critical axe violation;
 * screenshots in id and en.
 *
 * On CI (`CI` set) axe runs once per page and language (the Indonesian home on the laptop, the English home and the
 * inbox on the phone), as in the sweep (all-pages.e2e-spec.ts); every other check runs at both sizes. Without `CI`
 * axe runs on each page at each size.
 */
const SIZES = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'laptop', viewport: { width: 1366, height: 768 } },
] as const;
const CI = !!process.env.CI;

/** Whether axe runs on this page (and language) at this size: always locally, once on CI (see the header). */
function axeAt(view: 'home id' | 'inbox id' | 'home en', size: (typeof SIZES)[number]['name']): boolean {
  if (!CI) return true;
  return size === (view === 'home id' ? 'laptop' : 'phone');
}

let e2e: E2e;
let ds: DataSource;
let needTitle = '';
const notices: { id: string; title: string }[] = [];

beforeAll(async () => {
  e2e = await startE2e();
  ds = await new DataSource({ type: 'postgres', url: e2e.api.databaseUrl, poolSize: 2 }).initialize();
  const claimed = await claimedAllocation(remoteTestApi(e2e.api.url, ds), { quantity: 4 });
  // due in two hours: the soonest of the donor's claims
  await ds.query(`UPDATE allocations SET expires_at = now() + interval '2 hours' WHERE id = $1`, [
    claimed.allocationId,
  ]);
  const [need] = await ds.query(`SELECT title FROM needs WHERE id = $1`, [claimed.needId]);
  needTitle = need.title;
  // no worker runs here: the donor's in-app notifications are written as the worker's fan-out writes them
  const [donor] = await ds.query(`SELECT id FROM users WHERE email = $1`, [DEMO_ACCOUNTS.collaborator]);
  await ds.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1`, [donor.id]);
  for (const [type, aggregateType, aggregateId] of [
    ['allocation.expiring', 'allocation', claimed.allocationId],
    ['commitment.approved', 'commitment', claimed.commitmentId],
  ]) {
    const title = `Uji kotak masuk ${type} ${randomUUID().slice(0, 8)}`;
    const [row] = await ds.query(
      `INSERT INTO notifications (user_id, event_id, type, title, body, data)
       VALUES ($1, $2, $3, $4, 'Isi pemberitahuan uji.', $5) RETURNING id`,
      [donor.id, randomUUID(), type, title, { aggregateType, aggregateId }],
    );
    notices.push({ id: row.id, title });
  }
}, 180_000);

afterAll(async () => {
  await ds?.destroy();
  await e2e?.close();
});

async function expectFitsAndAccessible(page: Page, label: string, axe: boolean): Promise<void> {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect({ label, sideways: widths.scroll > widths.inner }).toEqual({ label, sideways: false });
  if (!axe) return;
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  expect({ label, serious }).toEqual({ label, serious: [] });
}

async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.spinner').length === 0);
}

describe("the donor's home and the notification inbox", () => {
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  it.each(SIZES)(
    'at the $name size: an expiring claim with a countdown, the bell, the inbox, mark read',
    async ({ name, viewport }) => {
      await ds.query(`UPDATE notifications SET read_at = NULL WHERE id = ANY($1)`, [
        notices.map((n) => n.id),
      ]);
      const context = await e2e.browser.newContext({ baseURL: e2e.spa.url, viewport });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await signInByApi(context, e2e.api.url, DEMO_ACCOUNTS.collaborator);

      // the home: the claim due in two hours is first among those expiring soonest, with a ticking countdown
      await page.goto('/');
      await page
        .getByRole('button', { name: 'Menu', exact: true })
        .or(page.getByRole('navigation', { name: MAIN_NAV }))
        .first()
        .waitFor({ timeout: 30_000 }); // the session resumes, then the home loads (slow on a busy machine)
      await page.getByRole('heading', { level: 1, name: 'Beranda donatur' }).waitFor();
      await settle(page);
      const expiring = page.getByTestId('home-expiring');
      const first = expiring.getByRole('listitem').first();
      await first.getByRole('link', { name: needTitle, exact: true }).waitFor();
      await expect(first.locator('.countdown time').textContent()).resolves.toMatch(/^0?[12]:\d{2}:\d{2}$/);
      await expect(first.locator('.countdown time').getAttribute('datetime')).resolves.toMatch(/^\d{4}-/);
      await page.getByTestId('home-commitments').getByRole('progressbar').first().waitFor();

      // the bell names the unread count
      const bell = page.getByRole('button', { name: 'Notifikasi, 2 belum dibaca' });
      await bell.waitFor();
      await expectFitsAndAccessible(page, `home ${name} id`, axeAt('home id', name));
      await screenshot(page, `home-donor-${name}-id`);

      // by keyboard: the bell opens the inbox
      await bell.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Kotak masuk' }).waitFor();
      await settle(page);
      await page.getByText(notices[0].title).waitFor();
      await expect(
        page.getByRole('link', { name: `Buka: ${notices[1].title}` }).getAttribute('href'),
      ).resolves.toMatch(/^\/my-commitments\/[0-9a-f-]{36}$/);
      await expectFitsAndAccessible(page, `inbox ${name} id`, axeAt('inbox id', name));
      await screenshot(page, `inbox-donor-${name}-id`);

      await page.getByRole('button', { name: `Tandai dibaca: ${notices[0].title}` }).click();
      await page.getByRole('button', { name: 'Notifikasi, 1 belum dibaca' }).waitFor();
      await page.getByRole('button', { name: 'Tandai semua dibaca' }).click();
      await page.getByRole('button', { name: 'Notifikasi, tidak ada yang belum dibaca' }).waitFor();

      // in English: the inbox (all read) and the home
      await useLanguage(page, 'en');
      await page.getByRole('button', { name: 'Notifications, none unread' }).waitFor();
      await screenshot(page, `inbox-donor-${name}-en`);
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'Donor home' }).waitFor();
      await settle(page);
      await page.getByTestId('home-expiring').getByRole('link', { name: needTitle, exact: true }).waitFor();
      await expectFitsAndAccessible(page, `home ${name} en`, axeAt('home en', name));
      await screenshot(page, `home-donor-${name}-en`);
      await useLanguage(page, 'id');
    },
    120_000,
  );
});
