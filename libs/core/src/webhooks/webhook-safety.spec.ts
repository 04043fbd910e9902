import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { isBlockedAddress, webhookUrlProblem } from './address-policy';
import { postWebhook } from './webhook-http';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.5',
    '172.16.3.4',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.1.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    'not-an-ip',
  ])('blocks %s', (address) => expect(isBlockedAddress(address)).toBe(true));

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111'])(
    'allows %s',
    (address) => expect(isBlockedAddress(address)).toBe(false),
  );
});

describe('webhookUrlProblem', () => {
  const strict = { allowPrivate: false, requireHttps: true };
  it('requires https in production and refuses private hosts, also by name', async () => {
    expect(await webhookUrlProblem('http://93.184.215.14/x', strict)).toBe('must use https');
    expect(await webhookUrlProblem('https://93.184.215.14/x', strict)).toBeNull();
    expect(await webhookUrlProblem('https://localhost/x', strict)).toMatch(/private, loopback/);
  });
  it('lets tests use private receivers when configured', async () => {
    expect(
      await webhookUrlProblem('http://127.0.0.1:9/x', { allowPrivate: true, requireHttps: false }),
    ).toBeNull();
  });
});

describe('webhook signatures', () => {
  it('verifies its own signature and refuses a tampered body, a wrong secret and a stale timestamp', () => {
    const now = Date.now();
    const t = Math.floor(now / 1000);
    const header = signWebhook('whsec_a', '{"a":1}', t);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('whsec_a', '{"a":1}', header, { now })).toBe(true);
    expect(verifyWebhookSignature('whsec_a', '{"a":2}', header, { now })).toBe(false);
    expect(verifyWebhookSignature('whsec_b', '{"a":1}', header, { now })).toBe(false);
    expect(verifyWebhookSignature('whsec_a', '{"a":1}', header, { now: now + 3600_000 })).toBe(false);
  });
});

describe('postWebhook at delivery time', () => {
  it('never connects to a private address unless allowed (DNS rebinding is checked on connect)', async () => {
    let hits = 0;
    const server = createServer((_, res) => {
      hits += 1;
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const byIp = await postWebhook(
        `http://127.0.0.1:${port}/`,
        '{}',
        {},
        { timeoutMs: 1000, allowPrivate: false },
      );
      const byName = await postWebhook(
        `http://localhost:${port}/`,
        '{}',
        {},
        { timeoutMs: 1000, allowPrivate: false },
      );
      expect(byIp).toMatchObject({ statusCode: null, error: expect.stringMatching(/private/) });
      expect(byName).toMatchObject({ statusCode: null, error: expect.stringMatching(/private/) });
      expect(hits).toBe(0);
      const allowed = await postWebhook(
        `http://127.0.0.1:${port}/`,
        '{}',
        {},
        { timeoutMs: 1000, allowPrivate: true },
      );
      expect(allowed).toMatchObject({ statusCode: 204, error: null });
      expect(hits).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('gives up after the timeout', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const res = await postWebhook(
        `http://127.0.0.1:${port}/`,
        '{}',
        {},
        { timeoutMs: 200, allowPrivate: true },
      );
      expect(res).toMatchObject({ statusCode: null, error: 'timed out after 200 ms' });
      expect(res.durationMs).toBeLessThan(2000);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
