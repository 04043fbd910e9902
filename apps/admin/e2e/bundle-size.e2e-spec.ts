import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureAdminBuild } from './support/admin-build';

/**
 * The production build's initial JavaScript — what index.html loads before any route — stays under 350 KB gzip:
 * routes are code-split, and Leaflet is only in the map chunk.
 */
const BUDGET_BYTES = 350 * 1024;
const OUTPUT = join(__dirname, '..', '..', '..', 'test-output');

describe('admin bundle', () => {
  const dist = ensureAdminBuild();
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((match) => match[1]);
  const sizes = initial.map((src) => {
    const code = readFileSync(join(dist, src));
    return { src, code: code.toString('utf8'), gzip: gzipSync(code, { level: 9 }).length };
  });
  const total = sizes.reduce((sum, file) => sum + file.gzip, 0);

  it(`loads at most ${BUDGET_BYTES / 1024} KB gzip of JavaScript before the first route`, () => {
    expect(initial.length).toBeGreaterThan(0);
    mkdirSync(OUTPUT, { recursive: true });
    const report = [
      `initial JS: ${(total / 1024).toFixed(1)} KB gzip`,
      ...sizes.map((file) => `  ${file.src}: ${(file.gzip / 1024).toFixed(1)} KB`),
    ].join('\n');
    writeFileSync(join(OUTPUT, 'bundle-size.txt'), `${report}\n`);
    console.log(report);
    expect(total).toBeLessThan(BUDGET_BYTES);
  });

  it('keeps Leaflet out of the initial JavaScript', () => {
    for (const file of sizes) expect(file.code).not.toMatch(/leaflet-container|L\.Map|Leaflet/);
  });
});
