import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const TEMPLATE = fileURLToPath(new URL('./service-worker.js', import.meta.url));
/** Files of public/ the shell needs (they are copied as they are, so they are not in the bundle). */
const PUBLIC_FILES = ['/manifest.webmanifest', '/favicon.svg', '/icons/icon-192.png', '/icons/icon-512.png'];

/**
 * Writes /sw.js into the production build: service-worker.js with the list of files to keep (index.html as `/`, every
 * emitted script and stylesheet, the manifest and icons) and a version derived from that list, so each deploy
 * installs a new worker that drops the previous cache. A few lines instead of vite-plugin-pwa/Workbox, which are not
 * installed in this workspace.
 */
export function serviceWorker(): Plugin {
  return {
    name: 'ksbb-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const emitted = Object.keys(bundle)
        .filter((file) => file.startsWith('assets/') && /\.(js|css)$/.test(file))
        .map((file) => `/${file}`)
        .sort();
      const precache = ['/', ...emitted, ...PUBLIC_FILES];
      const template = readFileSync(TEMPLATE, 'utf8');
      const version = createHash('sha256')
        .update(template)
        .update(precache.join('\n'))
        .digest('hex')
        .slice(0, 16);
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: template.replace('__VERSION__', version).replace('__PRECACHE__', JSON.stringify(precache)),
      });
    },
  };
}
