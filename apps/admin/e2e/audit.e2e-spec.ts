import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@ksbb/testing';
import { screenshot, signIn, startE2e, useLanguage, waitForToast, type E2e } from './support/browser';

/**
 * "Who verified this collaborator?": an operator verifies a newly registered organisation from the verification
 * queue, follows its "Riwayat" link to the audit log filtered to it, and finds their own name on the verification, in
 * words, in both languages, on a 1366 px screen without horizontal scrolling; the CSV export carries the same filter.
 */
let e2e: E2e;
const contexts: BrowserContext[] = [];
const OPERATOR_NAME = 'Operator Pokja KSBB (Demo)';

beforeAll(async () => {
  e2e = await startE2e();
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await e2e?.close();
});

async function signedInOperator(): Promise<Page> {
  const { context, page } = await e2e.openContext();
  contexts.push(context);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, DEMO_ACCOUNTS.operator);
  return page;
}

/** A new organisation, registered through the public API: it waits in the verification queue. */
async function registerOrganisation(): Promise<string> {
  const suffix = Date.now().toString(36);
  const name = `PT Audit Uji ${suffix}`;
  const res = await fetch(`${e2e.api.url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `audit-${suffix}@example.org`,
      password: 'Rahasia-2020!',
      name: 'Pendaftar Uji',
      collaborator: { type: 'business', name },
    }),
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  return name;
}

const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('audit log in Chromium', () => {
  it('an operator verifies a collaborator and sees their own name on it in the audit log', async () => {
    const name = await registerOrganisation();
    const page = await signedInOperator();

    await page.goto(`/collaborators?q=${encodeURIComponent(name)}`);
    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByRole('button', { name: `Verifikasi ${name}` }).click();
    // verifying is irreversible: it asks first
    await page.getByRole('dialog').getByRole('button', { name: 'Verifikasi', exact: true }).click();
    await waitForToast(page, `${name} terverifikasi.`);

    // the queue keeps fitting the screen with the row's extra "Riwayat" link
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'collaborators-history-id');

    // the row's history link, by keyboard
    await row.getByRole('link', { name: `Riwayat ${name}` }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Log audit' }).waitFor();
    expect(new URL(page.url()).searchParams.get('entity')).toBe('collaborator');
    expect(new URL(page.url()).searchParams.get('entityId')).toMatch(/^[0-9a-f-]{36}$/);

    const verified = page.getByRole('row').filter({ hasText: 'memverifikasi kolaborator' });
    await verified.waitFor();
    expect(await verified.count()).toBe(1);
    expect(await verified.textContent()).toContain(OPERATOR_NAME);
    expect(await verified.locator('.audit-actor .muted').textContent()).toBe('Operator');
    await verified.getByRole('link', { name }).waitFor();
    // the registration is the other entry of this object's history
    await page.getByRole('row').filter({ hasText: 'mendaftarkan kolaborator' }).waitFor();
    await page.getByTestId('audit-object-chip').filter({ hasText: name }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'audit-id');

    // the action filter narrows the history to the verification; it lands in the URL
    await page.getByLabel('Tindakan', { exact: true }).selectOption('collaborator.verified');
    await page.waitForURL(/action=collaborator\.verified/);
    await page
      .getByRole('row')
      .filter({ hasText: 'mendaftarkan kolaborator' })
      .waitFor({ state: 'detached' });

    // the CSV export downloads the same filtered entries
    await page.getByRole('button', { name: 'Unduh CSV' }).click();
    const link = page.getByTestId('audit-csv');
    await link.waitFor();
    const csv = await link.evaluate(async (anchor: HTMLAnchorElement) => (await fetch(anchor.href)).text());
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^at_wib,actor_kind,/);
    expect(lines.slice(1)).toEqual([
      expect.stringContaining(`,${OPERATOR_NAME},operator,,collaborator.verified,collaborator,`),
    ]);

    await useLanguage(page, 'en');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const verifiedEn = page.getByRole('row').filter({ hasText: 'verified a collaborator' });
    await verifiedEn.waitFor();
    expect(await verifiedEn.textContent()).toContain(OPERATOR_NAME);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'audit-en');

    // clicking the actor's name filters by them
    await verifiedEn.getByRole('button', { name: OPERATOR_NAME }).click();
    await page.waitForURL(/actorId=/);
    await page.getByTestId('audit-actor-chip').filter({ hasText: OPERATOR_NAME }).waitFor();
  }, 90_000);
});
