import AxeBuilder from '@axe-core/playwright';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@ksbb/testing';
import { screenshot, signIn, startE2e, type E2e } from './support/browser';

/**
 * The charts (claims and deliveries over a WIB date range, coverage by kecamatan, kelurahan and RW) and the needs
 * import's dry run, template and rejected-rows file, against the real API, at a laptop and a phone width: nothing
 * wider than the window, no serious or critical axe-core violation.
 *
 * On CI (`CI` set) axe runs on the dashboard's charts at the laptop width only and on the reports page's at the phone
 * width only (once per page, as the sweep in all-pages.e2e-spec.ts); the fit and every other check run at both widths.
 * Without `CI` axe runs on both at both widths.
 */
const SIZES = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
] as const;
const CI = !!process.env.CI;

let e2e: E2e;
let page: Page;
let db: Client;
const stamp = Date.now();

beforeAll(async () => {
  e2e = await startE2e();
  ({ page } = await e2e.openContext());
  db = new Client({ connectionString: e2e.api.databaseUrl });
  await db.connect();
  await signIn(page, DEMO_ACCOUNTS.operator);
}, 120_000);

afterAll(async () => {
  await db?.end();
  await e2e?.close();
});

async function expectFitsAndAccessible(label: string): Promise<void> {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((element) => {
        const sticksOut = (node: Element | null) =>
          !!node && node.getBoundingClientRect().right > window.innerWidth + 0.5;
        return sticksOut(element) && !sticksOut(element.parentElement);
      })
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
  }));
  expect(widths.scroll <= widths.inner ? 'fits' : JSON.stringify({ label, ...widths })).toBe('fits');
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      targets: violation.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  expect({ label, serious }).toEqual({ label, serious: [] });
}

/**
 * The parts this suite is about fit the window and pass axe. (The whole dashboard also holds the map and the programs
 * table, which the page-fit suite covers.)
 */
async function expectPartsFitAndAccessible(label: string, selectors: string[], axe: boolean): Promise<void> {
  const overflow = await page.evaluate((sels) => {
    const out: string[] = [];
    for (const sel of sels)
      for (const element of document.querySelectorAll(sel)) {
        const box = element.getBoundingClientRect();
        if (box.width > 0 && (box.right > window.innerWidth + 0.5 || box.left < -0.5))
          out.push(`${sel} ${box.left}–${box.right}`);
      }
    return out;
  }, selectors);
  expect({ label, overflow }).toEqual({ label, overflow: [] });
  if (!axe) return;
  let builder = new AxeBuilder({ page });
  for (const selector of selectors) builder = builder.include(selector);
  const results = await builder.analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      targets: violation.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  expect({ label, serious }).toEqual({ label, serious: [] });
}

const CHART_PARTS = [
  '[data-testid="delivery-chart"]',
  '[data-testid="coverage-chart"]',
  'fieldset.date-range',
];

const countImported = async (): Promise<number> =>
  (await db.query(`SELECT count(*)::int AS n FROM needs WHERE source_ref LIKE $1`, [`CH-${stamp}-%`])).rows[0]
    .n;

describe('report charts and the import dry run in Chromium', () => {
  it('previews an import without writing, offers the rejected rows as a CSV, then imports', async () => {
    await page.setViewportSize(SIZES[0]);
    await page.goto('/needs/import');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const csv = [
      'programCode,packageCode,regionCode,title,quantity,sourceRef',
      `PANGAN,SEMBAKO,31.71.01.1001.RW01.RT001,Grafik A ${stamp},40,CH-${stamp}-1`,
      `PANGAN,SEMBAKO,31.71.01.1001.RW02.RT001,Grafik B ${stamp},20,CH-${stamp}-2`,
      `PANGAN,SEMBAKO,31.99.99.9999,Grafik C ${stamp},5,CH-${stamp}-3`,
    ].join('\n');
    await page.getByLabel('Berkas CSV').setInputFiles({
      name: 'grafik.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByLabel('Langsung terbitkan kebutuhan yang diimpor').check();
    await page.getByRole('button', { name: 'Periksa dulu (tanpa menyimpan)' }).click();
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toMatch(/2 kebutuhan akan dibuat, 0 diperbarui, 1 baris ditolak/);
    expect(await countImported()).toBe(0);

    await page.getByRole('button', { name: 'Unduh baris yang ditolak (CSV)' }).click();
    const link = page.getByTestId('import-rejected-download');
    await link.waitFor();
    expect(await link.getAttribute('download')).toBe('ksbb-needs-rejected.csv');
    const rejectedCsv = await link.evaluate(async (a) => (await fetch((a as HTMLAnchorElement).href)).text());
    const [header, line] = rejectedCsv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(header.startsWith('rejectedLine,rejectedReasons,programCode,packageCode,regionCode')).toBe(true);
    expect(line).toMatch(/^4,region 31\.99\.99\.9999 does not exist,PANGAN,SEMBAKO,31\.99\.99\.9999,/);

    await page.getByRole('button', { name: 'Unduh templat CSV' }).click();
    await page.getByTestId('import-template').waitFor();
    await expectFitsAndAccessible('import preview 1366');
    await screenshot(page, 'need-import-dry-run-1366');

    await page.getByRole('button', { name: 'Impor sekarang' }).click();
    await page.getByRole('progressbar', { name: 'Selesai' }).waitFor();
    expect(await countImported()).toBe(2);

    await page.setViewportSize(SIZES[1]);
    await expectFitsAndAccessible('import result 390');
    await screenshot(page, 'need-import-result-390');
  }, 120_000);

  for (const size of SIZES) {
    it(`dashboard and reports at ${size.width}px: charts over a date range, coverage down to RW; fits and passes axe`, async () => {
      // claims and deliveries today on the imported needs (the chart's data comes from the daily rollups)
      await db.query(
        `UPDATE needs SET allocated_quantity = 12, delivered_quantity = 6 WHERE source_ref LIKE $1 AND allocated_quantity = 0`,
        [`CH-${stamp}-%`],
      );
      await page.setViewportSize(size);
      await page.goto('/');
      const delivery = page.getByTestId('delivery-chart');
      await delivery.waitFor();
      await page.getByTestId('coverage-chart').first().waitFor();
      expect(await delivery.locator('rect.chart__bar--delivered').count()).toBeGreaterThan(0);
      // the chart is described in words for screen readers
      expect(await delivery.locator('p.visually-hidden').textContent()).toMatch(
        /24 paket diklaim dan 12 tersalurkan/,
      );
      await page.getByRole('button', { name: '30 hari' }).first().click();
      await page.getByRole('button', { name: '30 hari', pressed: true }).first().waitFor();
      await delivery.waitFor();
      // an impossible range is explained, and the chart keeps the last good one
      await page.getByLabel('Dari tanggal').first().fill('2030-01-01');
      await page.getByText('Tanggal awal harus sebelum atau sama dengan tanggal akhir.').first().waitFor();
      await delivery.waitFor();
      await screenshot(page, `dashboard-charts-${size.width}`);
      await expectPartsFitAndAccessible(`dashboard ${size.width}`, CHART_PARTS, !CI || size === SIZES[0]);

      await page.goto('/reports');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByLabel('Tingkat wilayah').selectOption('rw');
      await page.getByLabel('Di kecamatan').selectOption('31.71.01');
      const coverage = page.getByTestId('coverage-chart');
      await coverage.waitFor();
      await coverage
        .getByText(/^RW 02 · /)
        .first()
        .waitFor();
      expect(await coverage.locator('li').count()).toBeGreaterThanOrEqual(2);
      await screenshot(page, `report-coverage-rw-${size.width}`);
      await expectPartsFitAndAccessible(
        `reports ${size.width}`,
        ['[data-testid="coverage-chart"]', 'fieldset.date-range', '#coverage-level', '#coverage-district'],
        !CI || size === SIZES[1],
      );
    }, 120_000);
  }
});
