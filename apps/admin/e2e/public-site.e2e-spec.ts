import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { remoteTestApi, submittedHandover, verifyHandover } from '@ksbb/testing/api';
import { screenshot, startE2e, useLanguage, type E2e } from './support/browser';

/**
 * The public site without a login, in Chromium against the real API: the home (figures, programs, the needs map,
 * the scorecard, the ledger's status, the BAST form) and the BAST verification page the QR code opens. At a laptop
 * and a phone width, in Indonesian and English: no sideways page, no serious or critical axe-core violation, no
 * developer text when the base map's tiles cannot load.
 *
 * On CI (`CI` set) each flow runs at each size in one language, the other one at the other size (the home in
 * Indonesian on the laptop and English on the phone, the BAST pages the reverse), and axe runs once per page, in
 * English (the home on the phone, the BAST pages on the laptop; the sweep in all-pages.e2e-spec.ts runs it on these
 * pages in Indonesian). Without `CI` both flows run at both sizes in both languages, axe each time.
 */
const SIZES = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const LANGUAGES = ['id', 'en'] as const;
const TILES = 'https://tile.openstreetmap.org/**';
const DEVELOPER_TEXT = /VITE_|undefined|null|NaN|\[object/;
const CI = !!process.env.CI;
type Size = (typeof SIZES)[number];
type Language = (typeof LANGUAGES)[number];

/**
 * Whether a flow runs at this size in this language, and with axe: always locally; on CI the home where the size and
 * the language have the same place in their lists (laptop–id, phone–en) and the BAST pages where they do not, axe in
 * English only (see the comment at the top).
 */
function plan(flow: 'home' | 'bast', size: Size, language: Language): { run: boolean; axe: boolean } {
  if (!CI) return { run: true, axe: true };
  const same = SIZES.indexOf(size) === LANGUAGES.indexOf(language);
  return { run: same === (flow === 'home'), axe: language === 'en' };
}

let e2e: E2e;
let ds: DataSource;
let bastNumber = '';
let verificationUrl = '';
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  e2e = await startE2e();
  ds = await new DataSource({ type: 'postgres', url: e2e.api.databaseUrl, poolSize: 2 }).initialize();
  const api = remoteTestApi(e2e.api.url, ds);
  const handover = await submittedHandover(api, { quantity: 3 });
  const verified = await verifyHandover(api, handover.id);
  if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${JSON.stringify(verified.body)}`);
  bastNumber = handover.bastNumber;
  verificationUrl = String(verified.body.verificationUrl);
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await ds?.destroy();
  await e2e?.close();
});

/** A fresh anonymous visitor whose base-map tiles never load (as offline or blocked). */
async function visitor(size: Size): Promise<{ page: Page; tileRequests: () => number }> {
  const { context, page } = await e2e.openContext();
  contexts.push(context);
  let tiles = 0;
  await context.route(TILES, (route) => {
    tiles += 1;
    return route.abort('internetdisconnected');
  });
  await page.setViewportSize({ width: size.width, height: size.height });
  return { page, tileRequests: () => tiles };
}

async function expectFitsAndAccessible(page: Page, label: string, axe: boolean): Promise<void> {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    // what sticks out, to say why in the failure
    wide: [...document.querySelectorAll('body *')]
      .filter((element) => {
        const sticksOut = (node: Element | null) =>
          !!node && node.getBoundingClientRect().right > window.innerWidth + 0.5;
        return sticksOut(element) && !sticksOut(element.parentElement);
      })
      .slice(0, 5)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${element.className} ${element.getBoundingClientRect().right}`,
      ),
  }));
  expect(widths.scroll <= widths.inner ? 'fits' : JSON.stringify({ label, ...widths })).toBe('fits');
  if (!axe) return;
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
    }));
  expect({ label, serious }).toEqual({ label, serious: [] });
}

async function expectNoDeveloperText(page: Page): Promise<void> {
  expect(await page.locator('body').innerText()).not.toMatch(DEVELOPER_TEXT);
}

describe('the public site in Chromium', () => {
  it("the verificationUrl of a verified BAST is the public site's /bast/<number> page", () => {
    expect(bastNumber).toMatch(/^BAST\/PANGAN\/\d{4}\/\d{6}$/);
    expect(verificationUrl).toBe(`http://localhost:3000/bast/${bastNumber}`);
  });

  for (const size of SIZES) {
    for (const language of LANGUAGES) {
      const home = plan('home', size, language);
      const bast = plan('bast', size, language);
      if (home.run)
        it(`home at ${size.width}px in ${language}: figures, programs, map, scorecard, ledger; fits${home.axe ? ' and passes axe' : ''}`, async () => {
          const { page, tileRequests } = await visitor(size);
          await page.goto('/public');
          await page.getByRole('heading', { level: 1, name: 'Kebutuhan warga Jakarta' }).waitFor();
          if (language === 'en') await useLanguage(page, 'en');
          const en = language === 'en';
          await page
            .getByRole('heading', { level: 2, name: en ? 'Programs' : 'Program', exact: true })
            .waitFor();
          expect(await page.getByTestId('public-handovers').textContent()).toMatch(/^[1-9][\d.,]*$/);
          await page.getByTestId('site-programs').getByRole('listitem').first().waitFor();
          await page.getByTestId('site-scorecard').getByRole('listitem').first().waitFor();
          const score = page.getByTestId('site-score').first();
          for (const label of en
            ? ['Pledged', 'Claimed', 'Delivered']
            : ['Dijanjikan', 'Diklaim', 'Tersalurkan']) {
            await score.getByText(label, { exact: true }).waitFor();
          }
          const ledger = page.getByTestId('site-ledger');
          await ledger.waitFor();
          expect(await ledger.getAttribute('data-ok')).toBe('true');

          // the base map was asked for (OpenStreetMap by default); its tiles fail, and the page says so quietly
          await page.getByTestId('leaflet-map').waitFor();
          await page.getByTestId('map-tiles-failed').waitFor();
          expect(tileRequests()).toBeGreaterThan(0);
          expect(await page.getByTestId('map-tiles-failed').textContent()).toContain(
            en ? 'The base map could not be loaded' : 'Peta dasar tidak dapat dimuat',
          );
          await page
            .getByText('© OpenStreetMap contributors')
            .or(page.getByText('OpenStreetMap contributors'))
            .first()
            .waitFor();
          await expectNoDeveloperText(page);
          await expectFitsAndAccessible(page, `home ${size.name} ${language}`, home.axe);
          await screenshot(page, `public-home-${language}-${size.name}`);
        }, 60_000);

      if (bast.run)
        it(`BAST page at ${size.width}px in ${language}: verified, not found, and the form; fits${bast.axe ? ' and passes axe' : ''}`, async () => {
          const { page } = await visitor(size);
          await page.goto('/public');
          await page.getByRole('heading', { level: 1 }).waitFor();
          if (language === 'en') await useLanguage(page, 'en');
          const en = language === 'en';

          // what the QR code opens
          await page.goto(new URL(verificationUrl).pathname);
          await page
            .getByRole('heading', {
              level: 1,
              name: `${en ? 'Verification of' : 'Verifikasi'} ${bastNumber}`,
            })
            .waitFor();
          const verdict = page.getByTestId('bast-verdict');
          await verdict.waitFor();
          expect(await verdict.getAttribute('data-verdict')).toBe('verified');
          expect(await verdict.textContent()).toContain(en ? 'Verified' : 'Terverifikasi');
          expect(await page.getByTestId('bast-total').textContent()).toBe('3');
          const [row] = await ds.query(
            `SELECT content_hash, chain_hash FROM handovers WHERE bast_number = $1`,
            [bastNumber],
          );
          await page.getByText(row.content_hash, { exact: true }).waitFor();
          await page.getByText(row.chain_hash, { exact: true }).waitFor();
          const text = await page.locator('body').innerText();
          for (const personal of ['Rina Kartika', 'Budi Santoso', 'Sari Wulandari', 'Balai Warga']) {
            expect(text).not.toContain(personal);
          }
          await expectNoDeveloperText(page);
          await expectFitsAndAccessible(page, `bast ${size.name} ${language}`, bast.axe);
          await screenshot(page, `public-bast-${language}-${size.name}`);

          // the form: a number that is not a verified BAST
          await page.getByLabel(en ? 'BAST number' : 'Nomor BAST').fill('BAST/PANGAN/1999/000001');
          await page.getByRole('button', { name: en ? 'Check' : 'Periksa' }).click();
          await page.waitForURL('**/bast/BAST/PANGAN/1999/000001');
          await page.locator('[data-verdict="not-found"]').waitFor();
          const verdicts = page.getByTestId('bast-verdict');
          expect(await verdicts.count()).toBe(1); // the previous BAST's verdict is gone
          expect(await verdicts.textContent()).toContain(en ? 'BAST not found' : 'BAST tidak ditemukan');
          await expectFitsAndAccessible(page, `bast-missing ${size.name} ${language}`, bast.axe);
          await screenshot(page, `public-bast-missing-${language}-${size.name}`);

          // the form alone, from the site's navigation, leads back to the verified BAST
          await page
            .getByRole('navigation', { name: en ? 'Public site navigation' : 'Navigasi situs publik' })
            .getByRole('link', { name: en ? 'Verify a BAST' : 'Verifikasi BAST' })
            .click();
          await page.waitForURL('**/bast');
          await expectFitsAndAccessible(page, `bast-form ${size.name} ${language}`, bast.axe);
          await screenshot(page, `public-bast-form-${language}-${size.name}`);
          await page.getByLabel(en ? 'BAST number' : 'Nomor BAST').fill(bastNumber);
          await page.getByRole('button', { name: en ? 'Check' : 'Periksa' }).click();
          await page.locator('[data-verdict="verified"]').waitFor();
        }, 60_000);
    }
  }

  it('a broken chain shows on the BAST page and in the ledger status', async () => {
    const { page } = await visitor(SIZES[1]);
    await ds.query(`UPDATE handovers SET address = address || ' (diubah)' WHERE bast_number = $1`, [
      bastNumber,
    ]);
    try {
      // the public answers are cacheable for 30 s in browsers: a fresh context has no cache
      await page.goto(new URL(verificationUrl).pathname);
      await page.locator('[data-verdict="broken"]').waitFor();
      await page.getByText('Rantai tidak cocok').waitFor();
      await page.goto('/public');
      expect(await page.getByTestId('site-ledger').getAttribute('data-ok')).toBe('false');
    } finally {
      await ds.query(
        `UPDATE handovers SET address = replace(address, ' (diubah)', '') WHERE bast_number = $1`,
        [bastNumber],
      );
    }
  }, 60_000);
});
