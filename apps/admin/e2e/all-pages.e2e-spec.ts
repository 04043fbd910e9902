import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoRole } from '@ksbb/testing';
import {
  claimedAllocation,
  firstChildRegion,
  moveNeedToRegion,
  handoverBody,
  remoteTestApi,
  submitHandover,
  submittedHandover,
  verifyHandover,
  type TestApi,
} from '@ksbb/testing/api';
import { NAV_ITEMS, type NavItem } from '../src/navigation';
import { screenshot, startE2e, submitLogin, type E2e } from './support/browser';

/**
 * The sweep: every page each role can reach (read from the navigation, so a page added later is swept too) and the
 * public pages, at a laptop (1366×768) and a phone (390×844), in Indonesian and English. Each page: no sideways page
 * scroll, no visible button or link cut off outside the window, no serious or critical axe-core violation, and a
 * screenshot (test-output/screenshots/sweep-<size>-<language>-<role>-<page>.png).
 *
 * Each page is opened once per size and switched in place between the languages. On CI (`CI` set) the sweep is
 * shorter, and still covers every page at both sizes and in both languages: a page several roles share is swept once
 * (by the first role that may open it; the home page for every role); at each size a page is checked in one language,
 * the other one at the other size (the n-th page of a list: Indonesian on the laptop and English on the phone when n
 * is even, the reverse when odd); and axe runs on each page once, at the laptop size when n is even and at the phone
 * size when odd. Locally every page is checked in both languages at both sizes, axe each time.
 */
const SIZES = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;
type Size = (typeof SIZES)[number];
type Language = 'id' | 'en';
const CI = !!process.env.CI;
const ROLES = ['admin', 'operator', 'viewer', 'collaborator', 'aggregator', 'kelurahan'] as const;
type SweepRole = (typeof ROLES)[number];
const TILES = 'https://tile.openstreetmap.org/**';

/**
 * Where a detail page (`/…/:id`) finds an id to open: the API list its first path segment reads, as that role.
 * A new detail page must add its list here (the sweep fails on a page it cannot open).
 */
const ID_SOURCES: Record<string, string> = {
  needs: '/api/v1/needs',
  aggregators: '/api/v1/aggregators',
  commitments: '/api/v1/commitments',
  'my-commitments': '/api/v1/commitments',
  assignments: '/api/v1/commitments',
  handovers: '/api/v1/handovers',
  deliveries: '/api/v1/handovers',
  collaborators: '/api/v1/collaborators',
  'area-needs': '/api/v1/needs',
  'area-handovers': '/api/v1/handovers',
  institutions: '/api/v1/institutions',
};

let e2e: E2e;
let ds: DataSource;
let api: TestApi;
let bastNumber = '';
/** the API tokens of the demo roles; one whose token expired during a long sweep signs in again (see urlOf) */
const tokens = new Map<DemoRole, string>();
const contexts: BrowserContext[] = [];

/** The pages a role sweeps: on CI a shared page only for the first role that may open it (home pages for all). */
function pagesOf(role: SweepRole): NavItem[] {
  return NAV_ITEMS.filter((item) => {
    if (!item.roles.includes(role)) return false;
    if (!CI || item.path === '/') return true;
    return ROLES.find((first) => item.roles.includes(first)) === role;
  });
}

/** The URL to open for a page: its path with `:id` filled from the role's first listed record (null: none yet). */
async function urlOf(item: NavItem, role: SweepRole): Promise<string | null> {
  if (!item.path.includes(':')) return item.path;
  const segment = item.path.split('/')[1];
  const source = ID_SOURCES[segment];
  if (!source) throw new Error(`the sweep cannot open ${item.path}: add its list to ID_SOURCES`);
  const read = async () =>
    api.http
      .get(source)
      .query({ limit: 1 })
      .set({ authorization: `Bearer ${await api.tokenFor(role)}` });
  let res = await read();
  if (res.status === 401) {
    // the sweep can outlast an access token on a busy machine: sign in again once
    tokens.delete(role);
    res = await read();
  }
  if (res.status !== 200) throw new Error(`${source} as ${role}: ${res.status}`);
  const first = (res.body.data as { id: string }[])[0];
  return first ? item.path.replace(':id', first.id) : null;
}

/** Sign in and wait for the first page (on a phone the navigation is a closed drawer, so wait for the heading). */
async function logIn(page: Page, role: SweepRole): Promise<void> {
  await submitLogin(page, DEMO_ACCOUNTS[role], DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.locator('main h1').first().waitFor();
}

/** The page has its heading and nothing is still loading. */
async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page
    .locator('.status-view .spinner')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
}

/** What does not fit: the page scrolls sideways, or a visible action lies (partly) outside the window's width. */
async function misfits(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const scroller = document.scrollingElement ?? document.documentElement;
    if (scroller.scrollWidth > window.innerWidth) {
      const sticksOut = (node: Element | null) =>
        !!node && node.getBoundingClientRect().right > window.innerWidth + 0.5;
      const wide = [...document.querySelectorAll('body *')].filter(
        (element) => sticksOut(element) && !sticksOut(element.parentElement),
      );
      found.push(
        `page ${scroller.scrollWidth}px wide in ${window.innerWidth}px: ` +
          wide
            .slice(0, 4)
            .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
            .join(', '),
      );
    }
    for (const element of document.querySelectorAll<HTMLElement>('button, a[href]')) {
      const box = element.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue; // not shown, or visually hidden
      if (getComputedStyle(element).visibility === 'hidden') continue;
      // a table's frame may scroll sideways, but an action hidden beyond its edge is cut off all the same
      const frame = element.closest('.table-frame')?.getBoundingClientRect();
      const left = Math.max(0, frame?.left ?? 0);
      const right = Math.min(window.innerWidth, frame?.right ?? window.innerWidth);
      if (box.left < left - 1 || box.right > right + 1)
        found.push(
          `cut off: ${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40)}"`,
        );
    }
    return found;
  });
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes
          .map((node) => node.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

/** Switch the language in place with the page's ID/EN toggle (it may sit in the closed drawer on a phone). */
async function switchLanguage(page: Page, language: Language): Promise<void> {
  await page.evaluate((lang) => {
    const toggle = [...document.querySelectorAll<HTMLButtonElement>('.language-switch button')].find(
      (button) =>
        (button.getAttribute('aria-label') ?? button.textContent ?? '').trim().toLowerCase().startsWith(lang),
    );
    if (!toggle) throw new Error(`no ${lang} toggle on ${location.pathname}`);
    toggle.click();
  }, language);
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

/**
 * The languages a page is checked in at a size, and whether axe runs there: everything locally; on CI one language
 * per size (the other at the other size) and axe at one size — see the comment at the top.
 */
function ciPlan(index: number, size: Size['name']): { languages: Language[]; axe: boolean } {
  const even = index % 2 === 0;
  const laptop = size === 'laptop';
  if (!CI) return { languages: ['id', 'en'], axe: true };
  return { languages: [even === laptop ? 'id' : 'en'], axe: even === laptop };
}

/**
 * Sweep the URLs: each page is opened once and checked in the languages of its plan (switched in place with the
 * page's own toggle), with axe where the plan says. Returns what failed, per page and language.
 */
async function sweep(
  page: Page,
  label: string,
  size: Size['name'],
  urls: { name: string; url: string }[],
): Promise<Record<string, string[]>> {
  const problems: Record<string, string[]> = {};
  for (const [index, { name, url }] of urls.entries()) {
    const plan = ciPlan(index, size);
    await page.goto(url);
    await settled(page);
    for (const language of plan.languages) {
      if ((await page.evaluate(() => document.documentElement.lang)) !== language)
        await switchLanguage(page, language);
      const found = await misfits(page);
      if (plan.axe) found.push(...(await seriousViolations(page)));
      await screenshot(page, `sweep-${label}-${language}-${name}`);
      if (found.length) problems[`${language} ${url}`] = found;
    }
  }
  return problems;
}

beforeAll(async () => {
  e2e = await startE2e();
  ds = await new DataSource({ type: 'postgres', url: e2e.api.databaseUrl, poolSize: 2 }).initialize();
  api = remoteTestApi(e2e.api.url, ds, tokens);
  // something in every list: a need, a commitment, a claim and a verified handover (so each detail page opens)
  const handover = await submittedHandover(api, { quantity: 3 });
  const verified = await verifyHandover(api, handover.id);
  if (verified.status !== 200) throw new Error(`verify: ${verified.status}`);
  bastNumber = handover.bastNumber;
  // and a need with a submitted handover in the demo kelurahan officer's area (Gambir), for their detail pages
  const gambirRw = await firstChildRegion(ds, '31.71.01.1001');
  const claimed = await claimedAllocation(api, { quantity: 2, needQuantity: 5 });
  await moveNeedToRegion(ds, claimed.needId, gambirRw);
  const inArea = await submitHandover(
    api,
    handoverBody(gambirRw, [{ allocationId: claimed.allocationId, quantity: 2 }]),
  );
  if (inArea.status !== 201) throw new Error(`submit in Gambir: ${inArea.status}`);
  // and a school, for the institution's detail page
  const school = await api.http
    .post('/api/v1/institutions')
    .set({ authorization: `Bearer ${await api.tokenFor('operator')}` })
    .send({
      kind: 'school',
      name: 'SDN Sapuan 01 Pagi',
      npsn: '20109001',
      schoolLevel: 'SD',
      address: 'Jl. Tanah Abang I No. 5',
      regionCode: '31.71.01.1001',
      location: { lon: 106.8201, lat: -6.1787 },
    });
  if (school.status !== 201) throw new Error(`institution: ${school.status} ${JSON.stringify(school.body)}`);
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await ds?.destroy();
  await e2e?.close();
});

describe('every page fits and passes axe', () => {
  for (const size of SIZES) {
    it(`public pages at ${size.width}px`, async () => {
      const { context, page } = await e2e.openContext();
      contexts.push(context);
      await context.route(TILES, (route) => route.abort('internetdisconnected'));
      page.setDefaultTimeout(30_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto('/login');
      const urls = [
        { name: 'public', url: '/public' },
        { name: 'login', url: '/login' },
        { name: 'signup', url: '/signup' },
        { name: 'bast-form', url: '/bast' },
        { name: 'bast', url: `/bast/${bastNumber}` },
      ];
      expect(await sweep(page, `${size.name}-public`, size.name, urls)).toEqual({});
    }, 600_000);

    for (const role of ROLES) {
      it(`${role}'s pages at ${size.width}px`, async () => {
        const { context, page } = await e2e.openContext();
        contexts.push(context);
        await context.route(TILES, (route) => route.abort('internetdisconnected'));
        page.setDefaultTimeout(30_000);
        await page.setViewportSize({ width: size.width, height: size.height });
        await logIn(page, role);
        const urls: { name: string; url: string }[] = [];
        for (const item of pagesOf(role)) {
          const url = await urlOf(item, role);
          if (url) urls.push({ name: `${role}-${item.id}`, url });
        }
        expect(urls.length).toBeGreaterThan(0);
        expect(await sweep(page, size.name, size.name, urls)).toEqual({});
      }, 600_000);
    }
  }

  it('the region picker narrows kecamatan → kelurahan → RW → RT by keyboard on a phone, and places read as names', async () => {
    const { context, page } = await e2e.openContext();
    contexts.push(context);
    page.setDefaultTimeout(30_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page, 'operator');
    await page.goto('/needs/new');
    const picker = page.getByRole('combobox', { name: 'Kode wilayah' });
    await picker.fill('gambi');
    await page
      .getByRole('listbox', { name: 'Kecamatan' })
      .getByRole('option', { name: /^Gambir/ })
      .waitFor();
    await picker.press('ArrowDown');
    await picker.press('Enter'); // the kecamatan Gambir
    const villages = page.getByRole('listbox', { name: 'Kelurahan' });
    await villages.getByRole('option').first().waitFor();
    await picker.fill('Gambir');
    await villages.getByRole('option', { name: /^Gambir/ }).click();
    await page
      .getByRole('listbox', { name: 'RW' })
      .getByRole('option', { name: /^RW 01/ })
      .click();
    await page.getByRole('listbox', { name: 'RT' }).getByRole('option').first().waitFor();
    await picker.press('Enter'); // the first RT
    const path = page.getByRole('list', { name: 'Wilayah terpilih' });
    expect(await path.getByRole('button').allTextContents()).toEqual([
      'Ganti Kecamatan: Kec. Gambir ×',
      'Ganti Kelurahan: Gambir ×',
      'Ganti RW: RW 01 ×',
      'Ganti RT: RT 001 ×',
    ]);
    expect(await path.getByRole('button').last().getAttribute('title')).toBe(
      'Kode wilayah 31.71.01.1001.RW01.RT001',
    );
    expect(await misfits(page)).toEqual([]);
    await screenshot(page, 'region-picker-phone-id');
    // back up a level by keyboard: Backspace in the empty field drops the RT
    await picker.press('Backspace');
    expect(await path.getByRole('button').count()).toBe(3);

    // a list shows the place by name, the code on hover
    await page.goto('/needs');
    const region = page.locator('.region-name').first();
    await region.waitFor();
    expect(await region.getAttribute('title')).toMatch(/^Kode wilayah 31\./);
    expect(await region.textContent()).not.toMatch(/^31\./);
  }, 600_000);
});
