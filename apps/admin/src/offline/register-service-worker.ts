/**
 * Register the service worker (`/sw.js`, written by the build: see apps/admin/pwa) so the app installs and its shell
 * opens without a connection. Only in production builds: in development Vite serves modules that must never be cached.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // not installable here (e.g. an insecure origin): the app works as before
    });
  });
}
