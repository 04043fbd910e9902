import { lookup as dnsLookup, LookupAddress, LookupOptions } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { isBlockedAddress } from './address-policy';

export interface WebhookResponse {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** At most this much of a response body is read (and thrown away): a receiver cannot make us buffer a lot. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Resolves like dns.lookup but refuses private addresses: checked at connect time, the address actually used,
 * so a host that resolved to a public address when the webhook was created cannot be rebound to 127.0.0.1.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...(options as LookupOptions), all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '', 4);
    const allowed = addresses.filter((a) => !isBlockedAddress(a.address));
    if (allowed.length === 0) {
      const refused = Object.assign(new Error(`${hostname} resolves to a private or loopback address`), {
        code: 'EADDRBLOCKED',
      });
      return callback(refused, '', 4);
    }
    if ((options as LookupOptions).all)
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
    callback(null, allowed[0].address, allowed[0].family);
  });
};

/** POSTs a JSON body once, with a total time limit. Never throws: the outcome is what the attempt log records. */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  { timeoutMs, allowPrivate }: { timeoutMs: number; allowPrivate: boolean },
): Promise<WebhookResponse> {
  const started = Date.now();
  const done = (statusCode: number | null, error: string | null): WebhookResponse => ({
    statusCode,
    error,
    durationMs: Date.now() - started,
  });
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve(done(null, 'invalid URL'));
    }
    const literal = target.hostname.replace(/^\[(.*)\]$/, '$1');
    // Node skips the lookup for an IP literal, so that case is checked here.
    if (!allowPrivate && isIP(literal) && isBlockedAddress(literal)) {
      return resolve(done(null, 'the URL points to a private or loopback address'));
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      lookup: allowPrivate ? undefined : publicOnlyLookup,
      signal: AbortSignal.timeout(timeoutMs),
    });
    req.on('response', (res) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_RESPONSE_BYTES) res.destroy();
      });
      const finish = (): void => resolve(done(res.statusCode ?? null, null));
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', finish);
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      const reason =
        err.name === 'AbortError' || err.name === 'TimeoutError'
          ? `timed out after ${timeoutMs} ms`
          : err.message;
      resolve(done(null, err.code && err.name !== 'AbortError' ? `${err.code}: ${reason}` : reason));
    });
    req.end(body);
  });
}
