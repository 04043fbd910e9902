import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@ksbb/testing';
import { needBody } from '@ksbb/testing/api';
import { screenshot, signInByApi, startE2e, waitForToast, type E2e } from './support/browser';

/**
 * An operator's day, issue 15's "Done when": three drafts published at once (one confirmation, then a result per
 * need), a collaborator verified from its detail page (after a confirmation), and the audit log, opened from that page
 * filtered to the collaborator, naming the operator on the verification. The detail and bulk screens fit 1366×768
 * without a sideways scroll and have no serious or critical axe-core violation.
 */
let e2e: E2e;
const contexts: BrowserContext[] = [];
const OPERATOR_NAME = 'Operator Pokja KSBB (Demo)';
const SUFFIX = Date.now().toString(36);

beforeAll(async () => {
  e2e = await startE2e();
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await e2e?.close();
});

async function api(path: string, init: { method?: string; token?: string; body?: object } = {}) {
  const res = await fetch(`${e2e.api.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function operatorToken(): Promise<string> {
  const res = await api('/api/v1/auth/login', {
    method: 'POST',
    body: { email: DEMO_ACCOUNTS.operator, password: DEMO_PASSWORD },
  });
  if (res.status !== 200) throw new Error(`login: ${res.status}`);
  return res.body.accessToken as string;
}

/** Fits the 1366 px screen and passes axe (serious and critical violations only). */
async function expectFitsAndAccessible(page: Page, label: string): Promise<void> {
  const fit = await page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    // what sticks out, to say why in the failure
    wide: [...document.querySelectorAll('body *')]
      .filter((element) => {
        const sticksOut = (node: Element | null) =>
          !!node && node.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5;
        return sticksOut(element) && !sticksOut(element.parentElement);
      })
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className} ${element.getBoundingClientRect().right}`),
  }));
  expect(fit.overflow <= 0 ? 'fits' : JSON.stringify({ label, ...fit })).toBe('fits');
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5) }));
  expect({ label, serious }).toEqual({ label, serious: [] });
}

async function signedInOperator(): Promise<Page> {
  const { context, page } = await e2e.openContext();
  contexts.push(context);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInByApi(context, e2e.api.url, DEMO_ACCOUNTS.operator);
  return page;
}

describe('operator bulk work and detail pages in Chromium', () => {
  it('publishes three drafts at once, with a confirmation and a result per need', async () => {
    const token = await operatorToken();
    const titles = [1, 2, 3].map((n) => `Sembako massal ${SUFFIX} ${n}`);
    for (const title of titles) {
      const res = await api('/api/v1/needs', { method: 'POST', token, body: needBody({ title }) });
      expect(res.status).toBe(201);
    }
    const page = await signedInOperator();
    await page.goto(`/needs?q=${encodeURIComponent(`massal ${SUFFIX}`)}`);
    for (const title of titles) await page.getByRole('row').filter({ hasText: title }).getByText('Draf').waitFor();

    // "select all on this page" by keyboard
    const all = page.getByLabel('Pilih semua di halaman ini');
    await all.focus();
    await page.keyboard.press('Space');
    for (const title of titles) expect(await page.getByLabel(`Pilih ${title}`).isChecked()).toBe(true);
    await page.getByText('3 dipilih').waitFor();
    await expectFitsAndAccessible(page, 'needs with a selection');

    await page.getByRole('button', { name: 'Terbitkan terpilih (3)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('3 draf kebutuhan akan diterbitkan').waitFor();
    await screenshot(page, 'bulk-publish-confirm-id');
    await dialog.getByRole('button', { name: 'Terbitkan 3 kebutuhan' }).click();
    await dialog.getByText('3 berhasil, 0 gagal.').waitFor();
    for (const title of titles) await dialog.getByRole('listitem').filter({ hasText: `${title}: berhasil` }).waitFor();
    await expectFitsAndAccessible(page, 'bulk publish results');
    await screenshot(page, 'bulk-publish-results-id');
    await dialog.getByRole('button', { name: 'Selesai' }).click();
    for (const title of titles) await page.getByRole('row').filter({ hasText: title }).getByText('Terbuka').waitFor();

    // a need's detail page from its row: fields with the region by name, claims, handovers, history, a map
    await page.getByRole('link', { name: titles[0], exact: true }).click();
    await page.getByRole('heading', { level: 1, name: titles[0] }).waitFor();
    await page.getByRole('row').filter({ hasText: 'menerbitkan kebutuhan' }).filter({ hasText: OPERATOR_NAME }).waitFor();
    await page.getByTestId('leaflet-map').waitFor();
    await page.getByText('Belum ada klaim.').waitFor();
    await screenshot(page, 'need-detail-id');
    await expectFitsAndAccessible(page, 'need detail');
  }, 180_000);

  it('verifies a collaborator from its detail page and finds their own name in its filtered audit log', async () => {
    const name = `PT Detail Uji ${SUFFIX}`;
    const registered = await api('/api/v1/auth/register', {
      method: 'POST',
      body: {
        email: `detail-${SUFFIX}@example.org`,
        password: 'Rahasia-2020!',
        name: 'Pendaftar Detail',
        collaborator: { type: 'business', name },
      },
    });
    expect(registered.status).toBe(201);
    const page = await signedInOperator();
    await page.goto(`/collaborators?q=${encodeURIComponent(name)}`);
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Pendaftar Detail' }).waitFor(); // its member account
    await screenshot(page, 'collaborator-detail-pending-id');
    await expectFitsAndAccessible(page, 'collaborator detail');

    await page.getByRole('button', { name: 'Verifikasi', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: `Verifikasi ${name}?` }).waitFor();
    await dialog.getByRole('button', { name: 'Verifikasi', exact: true }).click();
    await waitForToast(page, `${name} terverifikasi.`);
    await page.getByTestId('decided-by').filter({ hasText: OPERATOR_NAME }).waitFor();
    expect(await page.getByTestId('decided-by').textContent()).toContain('memverifikasi kolaborator');
    await screenshot(page, 'collaborator-detail-verified-id');

    await page.getByRole('link', { name: 'Riwayat', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Log audit' }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/audit');
    expect(url.searchParams.get('entity')).toBe('collaborator');
    expect(url.searchParams.get('entityId')).toMatch(/^[0-9a-f-]{36}$/);
    const verified = page.getByRole('row').filter({ hasText: 'memverifikasi kolaborator' });
    await verified.waitFor();
    expect(await verified.count()).toBe(1);
    expect(await verified.textContent()).toContain(OPERATOR_NAME);
    await screenshot(page, 'collaborator-audit-id');
  }, 180_000);
});
