// Receives KSBB webhooks and verifies their signature. Node 20+, no dependencies.
//   KSBB_WEBHOOK_SECRET=whsec_… PORT=8080 node verify-webhook.mjs
// or import { verifyKsbbSignature, ksbbWebhookHandler } from './verify-webhook.mjs' in your own server.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

/** How far the signed timestamp may be from your clock, in seconds: older deliveries are refused as replays. */
export const TOLERANCE_SECONDS = 300;

/**
 * True when `header` (`X-KSBB-Signature: t=<unix seconds>,v1=<hex>`) is the HMAC-SHA256, under your webhook's
 * secret, of `<t>.<raw body>`, and `t` is within the tolerance of now. Pass the body exactly as received (a Buffer
 * or string): parsing and re-serialising the JSON changes the bytes and breaks the signature.
 */
export function verifyKsbbSignature(secret, rawBody, header, { toleranceSeconds = TOLERANCE_SECONDS, now = Date.now() } = {}) {
  if (typeof header !== 'string') return false;
  const parts = Object.fromEntries(
    header.split(',').map((part) => {
      const i = part.indexOf('=');
      return [part.slice(0, i).trim(), part.slice(i + 1).trim()];
    }),
  );
  if (!/^\d{1,12}$/.test(parts.t ?? '') || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return false;
  const t = Number(parts.t);
  if (Math.abs(now / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(parts.v1, 'hex'));
}

/**
 * A request handler for node:http (or Express without a body parser on this route): 204 once `onEvent` has handled
 * the event, 401 when the signature is wrong or stale, 500 when `onEvent` throws (KSBB then retries later).
 * Deliveries are at least once: `X-KSBB-Delivery` (also the body's `id`) stays the same across retries, so
 * remember the ids you have handled and skip repeats.
 */
export function ksbbWebhookHandler(secret, onEvent, { maxBytes = 1024 * 1024 } = {}) {
  return (req, res) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      if (req.method !== 'POST' || size > maxBytes || !verifyKsbbSignature(secret, raw, req.headers['x-ksbb-signature'])) {
        res.writeHead(401).end();
        return;
      }
      try {
        await onEvent(JSON.parse(raw.toString('utf8')), { deliveryId: req.headers['x-ksbb-delivery'], eventType: req.headers['x-ksbb-event'] });
        res.writeHead(204).end();
      } catch {
        res.writeHead(500).end();
      }
    });
  };
}

// Run as a program: a receiver that prints each verified event as one JSON line.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const secret = process.env.KSBB_WEBHOOK_SECRET;
  if (!secret) throw new Error('set KSBB_WEBHOOK_SECRET to the secret shown when the webhook was created');
  const server = createServer(
    ksbbWebhookHandler(secret, (event, { deliveryId }) => {
      console.log(JSON.stringify({ deliveryId, type: event.type, data: event.data }));
    }),
  );
  server.listen(Number(process.env.PORT ?? 8080), () => console.log(`listening on ${server.address().port}`));
}
