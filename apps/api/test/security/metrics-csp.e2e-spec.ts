import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { METRICS_AUTH } from '@ksbb/testing';
import { startTestApi, TestApi } from '../harness';

/**
 * `/metrics` is for the scraper alone (Bearer METRICS_TOKEN; off while unset), and the pages the API serves itself
 * (Swagger UI, the admin site) run under a Content-Security-Policy whose script-src has no 'unsafe-inline'.
 */

/** The directives of a CSP header, by name. */
function directives(header: string | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

function expectNoInlineScript(csp: string | undefined): void {
  const d = directives(csp);
  const scriptSrc = d.get('script-src') ?? d.get('default-src');
  expect(scriptSrc).toBeDefined();
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(scriptSrc).not.toContain('*');
}

/** Every <script> of a page: its src, and its inline code (empty for an external one). */
function scripts(html: string): { src?: string; code: string }[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map(([, attrs, code]) => ({
    src: /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1],
    code: code.trim(),
  }));
}

describe('metrics for the scraper only', () => {
  let api: TestApi;
  let off: TestApi;
  beforeAll(async () => {
    [api, off] = await Promise.all([startTestApi(), startTestApi({ METRICS_TOKEN: '' })]);
  });
  afterAll(async () => {
    await Promise.all([api?.close(), off?.close()]);
  });

  it('answers 404 while METRICS_TOKEN is not set, even to a bearer token', async () => {
    expect((await off.http.get('/metrics')).status).toBe(404);
    const withToken = await off.http.get('/metrics').set(METRICS_AUTH);
    expect(withToken.status).toBe(404);
    expect(withToken.text).not.toContain('ksbb_http_request_duration_seconds');
  });

  it('refuses a missing or wrong token with 401 and no metrics', async () => {
    const user = await api.tokenFor('admin');
    for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${user}`, METRICS_AUTH.authorization.replace('Bearer ', 'Basic ')]) {
      const req = api.http.get('/metrics');
      const res = await (authorization ? req.set('authorization', authorization) : req);
      expect({ authorization, status: res.status }).toEqual({ authorization, status: 401 });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.text).not.toContain('ksbb_');
    }
  });

  it('answers the right token with the Prometheus text', async () => {
    const res = await api.http.get('/metrics').set(METRICS_AUTH);
    expect(res.status).toBe(200);
    expect(res.text).toContain('ksbb_http_request_duration_seconds');
  });
});

describe("the API's own pages under a CSP without inline scripts", () => {
  let api: TestApi;
  let dir: string;
  const INDEX =
    '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ksbb-admin-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), 'document.getElementById("root").textContent = "admin"');
    api = await startTestApi({ ADMIN_DIST_DIR: dir });
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves Swagger UI with external scripts only, under a script-src without unsafe-inline', async () => {
    const page = await api.http.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expectNoInlineScript(page.headers['content-security-policy']);
    const found = scripts(page.text);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((s) => !s.src || s.code)).toEqual([]);
    expect(page.text).not.toMatch(/\son[a-z]+\s*=/i); // no inline event handler either
    for (const { src } of found) {
      const res = await api.http.get(new URL(src as string, 'http://x/api/docs/').pathname);
      expect({ src, status: res.status }).toEqual({ src, status: 200 });
    }
  });

  it('serves the admin site under the same policy', async () => {
    const res = await api.http.get('/needs/open');
    expect(res.status).toBe(200);
    expectNoInlineScript(res.headers['content-security-policy']);
  });

  it('renders Swagger UI in Chromium with no CSP violation', async () => {
    const base = await api.listen();
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${base}/api/docs`);
      // Operations appear only once the (external) initialiser has run and fetched the document.
      await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
      expect(await page.locator('.opblock').count()).toBeGreaterThan(50);
      // An inline script, had the page one, is refused and reported as a console error.
      await page.addScriptTag({ content: 'window.__inlineRan = true' }).catch(() => undefined);
      expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
      expect(errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
      expect(errors.filter((e) => /Content Security Policy/.test(e))).toHaveLength(1);
    } finally {
      await browser.close();
    }
  });
});
