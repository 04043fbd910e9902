import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebhookDeliveryService } from '@ksbb/core';
import { auth } from '@ksbb/testing/api';
import { startTestApi, TestApi } from '../harness';
import { isProblem } from './support';

/**
 * Webhook URLs may reach public unicast addresses only, whatever the spelling: IPv4 in decimal, hex or octal,
 * IPv4-mapped, IPv4-translated and IPv4-compatible IPv6, NAT64, 6to4 and Teredo forms of private or loopback
 * addresses are refused when the webhook is created; at delivery the host is resolved again and a private answer
 * is never connected to (a name that pointed elsewhere at creation may be rebound to 127.0.0.1).
 */
describe('webhook URL policy (SSRF)', () => {
  let api: TestApi;
  let operator: Record<string, string>;

  beforeAll(async () => {
    // WEBHOOK_ALLOW_PRIVATE stays at its default: false.
    api = await startTestApi();
    operator = auth(await api.tokenFor('operator'));
  });
  afterAll(() => api.close());

  it.each([
    'http://2130706433/hook',
    'http://0x7f.1/hook',
    'http://017700000001/hook',
    'http://127.1/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::ffff:0:127.0.0.1]/hook',
    'http://[::127.0.0.1]/hook',
    'http://[::a00:1]/hook',
    'http://[64:ff9b::7f00:1]/hook',
    'http://[64:ff9b::a00:1]/hook',
    'http://[64:ff9b::169.254.169.254]/latest/meta-data',
    'http://[2002:7f00:1::]/hook',
    'http://[2002:c0a8:101::]/hook',
    'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook',
    'http://[fd12:3456::1]/hook',
    'http://[fe80::1]/hook',
    'http://100.100.100.200/hook',
    'http://192.0.0.170/hook',
  ])('refuses %s at creation with 400 problem+json', async (url) => {
    const res = await api.http
      .post('/api/v1/webhooks')
      .set(operator)
      .send({ url, events: ['handover.verified'] });
    expect(res.status).toBe(400);
    expect(isProblem(res)).toBe(true);
    expect(res.body.errors).toEqual([
      { field: 'url', message: 'must not point to a private, loopback or link-local address' },
    ]);
  });

  it('accepts public addresses, also in translated IPv6 forms', async () => {
    for (const url of [
      'https://93.184.215.14/hook',
      'https://[64:ff9b::5db8:d70e]/hook',
      'https://[2002:5db8:d70e::1]/hook',
    ]) {
      const res = await api.http
        .post('/api/v1/webhooks')
        .set(operator)
        .send({ url, events: ['handover.verified'] });
      expect({ url, status: res.status }).toEqual({ url, status: 201 });
    }
  });

  describe('at delivery', () => {
    let receiver: Server;
    let port: number;
    let hits = 0;

    beforeAll(async () => {
      receiver = createServer((_, res) => {
        hits += 1;
        res.writeHead(204).end();
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      port = (receiver.address() as AddressInfo).port;
    });
    afterAll(async () => {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    });

    /** A webhook accepted at creation whose host now resolves elsewhere (rebound): its URL is changed underneath. */
    async function deliveryTo(url: string): Promise<{ deliveryId: string; webhookId: string }> {
      const created = await api.http
        .post('/api/v1/webhooks')
        .set(operator)
        .send({ url: 'https://93.184.215.14/hook', events: ['handover.verified'] });
      expect(created.status).toBe(201);
      await api.ds.query(`UPDATE webhooks SET url = $2 WHERE id = $1`, [created.body.id, url]);
      // Published already, so the API's outbox relay leaves it alone; the delivery row is the one under test.
      const [event] = await api.ds.query(
        `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, published_at)
         VALUES ('handover.verified', 'handover', gen_random_uuid()::text, '{}', now()) RETURNING event_id`,
      );
      const [delivery] = await api.ds.query(
        `INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, webhook_id, status)
         VALUES ($1, 'handover.verified', 'webhook', $2, $3, 'pending') RETURNING id`,
        [event.event_id, url, created.body.id],
      );
      return { deliveryId: delivery.id, webhookId: created.body.id };
    }

    it.each([
      ['a name that resolves to loopback', () => `http://localhost:${port}/hook`],
      ['a loopback literal', () => `http://127.0.0.1:${port}/hook`],
      ['an IPv4-mapped loopback literal', () => `http://[::ffff:127.0.0.1]:${port}/hook`],
      ['a NAT64 loopback literal', () => `http://[64:ff9b::7f00:1]:${port}/hook`],
    ])('never connects to %s', async (_, url) => {
      const { deliveryId } = await deliveryTo(url());
      const outcome = await api.app.get(WebhookDeliveryService, { strict: false }).deliver(deliveryId);
      expect(outcome).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/private or loopback/),
      });
      expect(hits).toBe(0);
      const [attempt] = await api.ds.query(
        `SELECT status_code, error FROM webhook_attempts WHERE delivery_id = $1`,
        [deliveryId],
      );
      expect(attempt).toEqual({ status_code: null, error: expect.stringMatching(/private or loopback/) });
    });
  });
});
