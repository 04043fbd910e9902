import type { BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@ksbb/testing';
import {
  approvedCommitment,
  auth,
  claim,
  deliveryRegion,
  handoverBody,
  remoteTestApi,
  submitHandover,
  verifyHandover,
} from '@ksbb/testing/api';
import { MAIN_NAV, screenshot, startE2e, submitLogin, useLanguage, type E2e } from './support/browser';

/**
 * Where an institution's reach shows (issue 19), in Chromium against the real API: a school with a need that targets
 * it and a verified delivery on that need; the operator opens the school from the institutions list (and sees it on
 * the list's map), its detail shows the need and what was delivered; the public site counts the school as reached;
 * the reports page shows it in the coverage by target kind.
 */
const SCHOOL = 'SDN Jangkauan 05 Pagi';
const NEED_TITLE = 'Paket sembako untuk keluarga siswa SDN Jangkauan';
const TILES = 'https://tile.openstreetmap.org/**';

let e2e: E2e;
let ds: DataSource;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  e2e = await startE2e();
  ds = await new DataSource({ type: 'postgres', url: e2e.api.databaseUrl, poolSize: 2 }).initialize();
  const api = remoteTestApi(e2e.api.url, ds);
  const operator = auth(await api.tokenFor('operator'));
  const school = await api.http.post('/api/v1/institutions').set(operator).send({
    kind: 'school',
    name: SCHOOL,
    npsn: '20109105',
    schoolLevel: 'SD',
    address: 'Jl. Kebon Kelapa No. 5',
    regionCode: '31.71.01.1001',
    location: { lon: 106.8211, lat: -6.1772 },
  });
  if (school.status !== 201) throw new Error(`school: ${school.status} ${JSON.stringify(school.body)}`);
  const need = await api.http.post('/api/v1/needs').set(operator).send({
    programCode: 'PANGAN',
    packageCode: 'SEMBAKO',
    title: NEED_TITLE,
    quantity: 5,
    targetInstitutionId: school.body.id,
  });
  if (need.status !== 201) throw new Error(`need: ${need.status} ${JSON.stringify(need.body)}`);
  const published = await api.http.post(`/api/v1/needs/${need.body.id}/publish`).set(operator);
  if (published.status !== 200) throw new Error(`publish: ${published.status}`);
  const commitment = await approvedCommitment(api, { items: [{ packageCode: 'SEMBAKO', quantity: 3, unitValue: 250_000 }] });
  const claimed = await claim(api, { commitmentId: commitment.id, needId: need.body.id, quantity: 3 });
  if (claimed.status !== 201) throw new Error(`claim: ${claimed.status} ${JSON.stringify(claimed.body)}`);
  const handover = await submitHandover(
    api,
    handoverBody(await deliveryRegion(ds), [{ allocationId: String(claimed.body.id), quantity: 3 }]),
  );
  if (handover.status !== 201) throw new Error(`handover: ${handover.status} ${JSON.stringify(handover.body)}`);
  const verified = await verifyHandover(api, handover.body.id);
  if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${JSON.stringify(verified.body)}`);
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await ds?.destroy();
  await e2e?.close();
});

async function signedIn(role: 'operator' | 'viewer', width = 1366, height = 768): Promise<Page> {
  const { context, page } = await e2e.openContext();
  contexts.push(context);
  await context.route(TILES, (route) => route.abort('internetdisconnected'));
  page.setDefaultTimeout(15_000);
  await page.setViewportSize({ width, height });
  await submitLogin(page, DEMO_ACCOUNTS[role], DEMO_PASSWORD);
  await page
    .getByRole('button', { name: 'Menu', exact: true })
    .or(page.getByRole('navigation', { name: MAIN_NAV }))
    .first()
    .waitFor();
  return page;
}

async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.spinner').length === 0);
}

it('the operator finds the school on the list\u2019s map and opens it from the list; its detail shows the need and the delivery', async () => {
  const page = await signedIn('operator');
  const search = async () => {
    await page.goto('/institutions');
    await page.getByLabel('Cari nama, NPSN, NIB atau kode Loksem').fill('20109105');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
  };
  await search();
  await page.getByRole('button', { name: 'Peta', exact: true }).click();
  const map = page.getByTestId('institutions-map').locator('[data-testid="leaflet-map"][data-points="1"]');
  await map.waitFor();
  // a marker opens the institution
  await map.locator('path.leaflet-interactive').first().click({ force: true });
  await page.waitForURL(/\/institutions\/[0-9a-f-]{36}$/);
  await search();
  await page.getByRole('link', { name: SCHOOL, exact: true }).click();
  await page.waitForURL(/\/institutions\/[0-9a-f-]{36}$/);
  await settled(page);
  expect(await page.locator('main h1').first().textContent()).toBe(SCHOOL);
  const fields = page.getByTestId('institution-fields');
  expect(await fields.textContent()).toContain('20109105');
  expect(await fields.textContent()).toContain('Jl. Kebon Kelapa No. 5');
  const needs = page.getByRole('table', { name: 'Kebutuhan yang menyasar lembaga ini' });
  const link = needs.getByRole('link', { name: NEED_TITLE });
  await link.waitFor();
  expect(await page.getByTestId('institution-delivered').textContent()).toBe(
    '3 dari 5 unit tersalurkan, 3 unit diklaim.',
  );
  await screenshot(page, 'institution-detail-operator-laptop-id');
  await link.click();
  await page.waitForURL(/\/needs\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { level: 1, name: NEED_TITLE }).waitFor();
});

it('a viewer reads the school\u2019s needs on a phone in English, without the Pokja\u2019s link to the need', async () => {
  const page = await signedIn('viewer', 390, 844);
  await useLanguage(page, 'en');
  await page.goto('/institutions');
  await page.getByLabel('Search name, NPSN, NIB or Loksem code').fill('20109105');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('link', { name: SCHOOL, exact: true }).click();
  await settled(page);
  await page.getByRole('heading', { name: 'Needs that target this institution' }).waitFor();
  await page.getByText(NEED_TITLE).first().waitFor();
  expect(await page.getByRole('link', { name: NEED_TITLE }).count()).toBe(0);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
  await screenshot(page, 'institution-detail-viewer-phone-en');
});

it('the public site counts the school as reached, in counts only', async () => {
  const { context, page } = await e2e.openContext();
  contexts.push(context);
  await context.route(TILES, (route) => route.abort('internetdisconnected'));
  await page.goto('/public');
  const reached = page.getByTestId('public-reached');
  await reached.waitFor();
  expect(await page.getByTestId('public-reached-school').textContent()).toBe('1');
  expect(await page.getByTestId('public-targeted-school').textContent()).toBe('dari 1 yang disasar');
  expect(await page.getByTestId('public-reached-msme').textContent()).toBe('0');
  expect(await reached.textContent()).not.toContain(SCHOOL);
  await useLanguage(page, 'en');
  await page.getByRole('heading', { name: 'Institutions reached' }).waitFor();
  expect(await reached.textContent()).toContain('Schools reached');
  await screenshot(page, 'public-institutions-reached-en');
});

it('the reports page shows coverage by target kind, and offers it as CSV and XLSX', async () => {
  const page = await signedIn('viewer');
  await page.goto('/reports');
  const table = page.getByTestId('by-target').getByRole('table', { name: 'Cakupan per jenis sasaran' });
  await table.waitFor();
  const school = table.getByRole('row', { name: /^Sekolah/ });
  // kind, on record, targeted, reached, needs, units needed, claimed, delivered
  expect((await school.locator('td').allTextContents()).map((c) => c.trim())).toEqual([
    'Sekolah',
    '1',
    '1',
    '1',
    '1',
    '5',
    '3',
    '3',
  ]);
  for (const format of ['csv', 'xlsx']) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Unduh cakupan per jenis sasaran (${format.toUpperCase()})` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`ksbb-by-target.${format}`);
  }
});
