import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { serviceWorker } from './pwa/service-worker-plugin';

const appRoot = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:3000';

/** The app always calls the API on its own origin; dev server and preview forward these prefixes. */
const sameOriginApi = {
  '/api': { target: apiTarget, changeOrigin: true },
  '/health': { target: apiTarget, changeOrigin: true },
};

export default defineConfig({
  root: appRoot,
  plugins: [react(), serviceWorker()],
  resolve: {
    alias: {
      '@ksbb/api-client': fileURLToPath(new URL('../../libs/api-client/src/index.ts', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/admin', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: { port: 4200, strictPort: true, proxy: sameOriginApi },
  preview: { port: 4200, strictPort: true, proxy: sameOriginApi },
});
