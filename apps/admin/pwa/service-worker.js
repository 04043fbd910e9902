/* The admin's service worker, written into the build as /sw.js by service-worker-plugin.ts (which fills in the
 * precache list and the version). It keeps the app shell — index.html, the hashed scripts and styles, the manifest
 * and icons — so the app opens and its offline queue works without a connection. The API (/api, /health, /metrics)
 * is never intercepted nor cached: data always comes from the network, or the page says it could not. */
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `ksbb-shell-${VERSION}`;
const API = /^\/(api|health|metrics)(\/|$)/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith('ksbb-shell-') && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || API.test(url.pathname)) return;
  if (request.mode === 'navigate') {
    // a page: the network first (a deploy reaches the browser at once), the kept shell when offline
    event.respondWith(
      fetch(request).catch(() =>
        caches
          .open(CACHE)
          .then((cache) => cache.match('/'))
          .then((hit) => hit || Response.error()),
      ),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/') || PRECACHE.includes(url.pathname)) {
    // hashed files never change under their name: the kept copy first
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});
