import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApi, TestApi } from '../../test/harness';

/** The production build serves the admin and public site from the API's origin (ADMIN_DIST_DIR). */
describe('admin site served by the API', () => {
  let api: TestApi;
  let dir: string;
  const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ksbb-admin-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log("admin")');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"KSBB","start_url":"/","display":"standalone"}');
    api = await startTestApi({ ADMIN_DIST_DIR: dir });
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at the root and for every client-side route, revalidated on each visit', async () => {
    for (const path of ['/', '/login', '/public/bast/BAST-2026-000001', '/needs/5c4b6a1e-0000-4000-8000-000000000000']) {
      const res = await api.http.get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toBe(INDEX);
    }
  });

  it('caches hashed assets for a year and serves other files as they are', async () => {
    const asset = await api.http.get('/assets/index-Ab12Cd34.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    const icon = await api.http.get('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('serves the service worker and the web app manifest with their types, revalidated, allowed by the CSP', async () => {
    const worker = await api.http.get('/sw.js');
    expect(worker.status).toBe(200);
    expect(worker.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(worker.headers['service-worker-allowed']).toBe('/');
    expect(worker.headers['cache-control']).toBe('no-cache, max-age=0');
    const manifest = await api.http.get('/manifest.webmanifest');
    expect(manifest.status).toBe(200);
    expect(manifest.headers['content-type']).toBe('application/manifest+json; charset=utf-8');
    expect(manifest.headers['cache-control']).toBe('no-cache');
    const csp = (await api.http.get('/')).headers['content-security-policy'] as string;
    expect(csp).toContain("manifest-src 'self'");
    expect(csp).toContain("worker-src 'self'");
  });

  it('keeps the API answering itself: unknown API paths are its 404 problem, not the SPA page', async () => {
    const unknown = await api.http.get('/api/v1/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await api.http.get('/health/live')).body).toEqual({ status: 'ok', checks: {} });
    const programs = await api.http.get('/api/v1/public/stats');
    expect(programs.headers['content-type']).toMatch(/json/);
  });
});
