import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface SpaServer {
  url: string;
  close(): Promise<void>;
}

/** Forward the request as is to the API (same-origin for the browser, like the Vite proxy and production). */
function proxy(req: IncomingMessage, res: ServerResponse, apiBaseUrl: string): void {
  const target = new URL(req.url ?? '/', apiBaseUrl);
  const upstream = httpRequest(
    target,
    { method: req.method, headers: { ...req.headers, host: target.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`proxy error: ${error.message}`);
  });
  req.pipe(upstream);
}

/** A file of the build, or index.html for any other path (client-side routes). */
function serveFile(req: IncomingMessage, res: ServerResponse, root: string): void {
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://spa').pathname);
  const candidate = normalize(join(root, pathname));
  const insideRoot = candidate.startsWith(root + sep);
  const isFile = insideRoot && existsSync(candidate) && statSync(candidate).isFile();
  const file = isFile ? candidate : join(root, 'index.html');
  const hashedAsset = isFile && pathname.startsWith('/assets/');
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(res);
}

/** Serves the built admin SPA on a free port and proxies /api and /health to the API. */
export async function startSpaServer(distDir: string, apiBaseUrl: string): Promise<SpaServer> {
  const root = normalize(distDir);
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith('/api/') || path.startsWith('/health')) proxy(req, res, apiBaseUrl);
    else serveFile(req, res, root);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
