import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Paths the API answers itself; an unknown one among them is the API's 404 problem, never the SPA's page. */
const API_PATHS = /^\/(api|health|metrics)(\/|$|\?)/;
/** Vite names every built asset after its content hash, so a browser may keep it for a year. */
const HASHED_ASSET = /[\\/]assets[\\/]/;
/** The service worker and the web app manifest: always revalidated, so an update reaches installed apps. */
const SERVICE_WORKER = /[\\/]sw\.js$/;
const MANIFEST = /\.webmanifest$/;

/**
 * In production the API process also serves the built admin and public site (`ADMIN_DIST_DIR`), so the SPA, the API
 * and the links printed in QR codes share one origin. Hashed assets are cached for a year; `index.html` and every
 * client-side route (the SPA fallback) are revalidated on each visit, so a deploy reaches browsers at once.
 */
export async function registerAdminSite(fastify: FastifyInstance, dir: string): Promise<boolean> {
  if (!dir) return false;
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`ADMIN_DIST_DIR=${dir} has no index.html: run \`npm run build\` first, or leave ADMIN_DIST_DIR empty`);
  }
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    cacheControl: false,
    etag: true,
    lastModified: true,
    setHeaders: (reply, path) => {
      reply.header('cache-control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      if (SERVICE_WORKER.test(path)) {
        // the worker controls the whole site, and the browser must never take a stale copy from its HTTP cache
        reply.header('content-type', 'text/javascript; charset=utf-8');
        reply.header('service-worker-allowed', '/');
        reply.header('cache-control', 'no-cache, max-age=0');
      }
      if (MANIFEST.test(path)) reply.header('content-type', 'application/manifest+json; charset=utf-8');
    },
  });
  const page = (url: string): boolean => !API_PATHS.test(url);
  const spa = (request: { url: string }, reply: import('fastify').FastifyReply) =>
    page(request.url)
      ? reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html', root, { cacheControl: false })
      : reply.callNotFound();
  fastify.get('/', spa);
  fastify.get('/*', spa);
  return true;
}
