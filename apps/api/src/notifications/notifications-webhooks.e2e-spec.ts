import { deleteRedisKeys, METRICS_AUTH, newAggregator, newUser, waitFor } from '@ksbb/testing';
import { verifyWebhookSignature } from '@ksbb/core';
import { startTestApi, TestApi } from '../../test/harness';
import { approveNewCommitment, auth, demoAggregatorId, newDonor } from '@ksbb/testing/api';
import { startWebhookReceiver, WebhookReceiver } from '@ksbb/testing/notifications';
import { startWorkerProcess, WorkerProcess } from '@ksbb/testing/processes';

describe('webhooks (real worker process and HTTP receivers)', () => {
  let api: TestApi;
  let worker: WorkerProcess;
  const receivers: WebhookReceiver[] = [];
  const receiver = async (answer?: (n: number) => number): Promise<WebhookReceiver> => {
    const r = await startWebhookReceiver(answer);
    receivers.push(r);
    return r;
  };

  beforeAll(async () => {
    api = await startTestApi({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    worker = await startWorkerProcess(api.config, { SMTP_URL: 'smtp://127.0.0.1:9' });
  });

  afterAll(async () => {
    await worker?.kill('SIGTERM');
    for (const r of receivers) await r.close();
    await deleteRedisKeys(api.config.REDIS_PREFIX);
    await api?.close();
  });

  const subscribe = async (token: string, url: string, events: string[]) => {
    const res = await api.http.post('/api/v1/webhooks').set(auth(token)).send({ url, events });
    expect(res.status).toBe(201);
    return res.body as {
      id: string;
      secret: string;
      url: string;
      events: string[];
      active: boolean;
      createdAt: string;
    };
  };

  it('signs each delivery, retries a failing receiver with backoff, logs every attempt, and reaches only the right owners', async () => {
    const aggregatorToken = await api.tokenFor('aggregator');
    const operatorToken = await api.tokenFor('operator');
    // Fails three times, then accepts.
    const flaky = await receiver((n) => (n < 3 ? 500 : 200));
    const own = await subscribe(aggregatorToken, flaky.url, ['commitment.approved']);
    expect(own).toEqual({
      id: expect.any(String),
      url: flaky.url,
      events: ['commitment.approved'],
      secret: expect.stringMatching(/^whsec_[0-9a-f]{64}$/),
      active: true,
      createdAt: expect.any(String),
      aggregatorId: await demoAggregatorId(api.ds),
    });
    // Another aggregator's subscription must not hear about a commitment routed elsewhere.
    const otherAggregator = await newAggregator(api.ds, { programCodes: ['PANGAN'] });
    const otherUser = await newUser(api.ds, 'aggregator', { aggregatorId: otherAggregator.id });
    const otherToken = (await api.login(otherUser.email)).accessToken;
    const elsewhere = await receiver();
    await subscribe(otherToken, elsewhere.url, ['commitment.approved']);
    // Operator-owned subscriptions hear every event; this one never answers 2xx until told to.
    let down = true;
    const broken = await receiver(() => (down ? 503 : 200));
    const operatorHook = await subscribe(operatorToken, broken.url, ['commitment.submitted']);

    const donor = await newDonor(api);
    const commitment = await approveNewCommitment(api, donor, {
      aggregatorId: await demoAggregatorId(api.ds),
    });

    await waitFor('the fourth request', async () => flaky.requests.length >= 4);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(flaky.requests.map((r) => r.answeredWith)).toEqual([500, 500, 500, 200]);
    const deliveryIds = new Set(flaky.requests.map((r) => r.headers['x-ksbb-delivery']));
    expect(deliveryIds.size).toBe(1);
    for (const r of flaky.requests) {
      expect(verifyWebhookSignature(own.secret, r.body, String(r.headers['x-ksbb-signature']))).toBe(true);
      expect(verifyWebhookSignature('whsec_wrong', r.body, String(r.headers['x-ksbb-signature']))).toBe(
        false,
      );
      expect(r.headers['x-ksbb-event']).toBe('commitment.approved');
      const body = JSON.parse(r.body);
      expect(body).toEqual({
        id: r.headers['x-ksbb-delivery'],
        type: 'commitment.approved',
        createdAt: expect.any(String),
        data: expect.objectContaining({ commitmentId: commitment.id, number: commitment.number }),
      });
    }
    expect(elsewhere.requests).toHaveLength(0);

    const log = await api.http.get(`/api/v1/webhooks/${own.id}/deliveries`).set(auth(aggregatorToken));
    expect(log.status).toBe(200);
    expect(log.body.meta).toEqual({ total: 1, page: 1, limit: 20 });
    const [delivery] = log.body.data;
    expect(delivery).toMatchObject({
      id: [...deliveryIds][0],
      eventType: 'commitment.approved',
      status: 'sent',
      attemptCount: 4,
    });
    expect(
      delivery.attempts.map((a: { attemptNo: number; statusCode: number }) => [a.attemptNo, a.statusCode]),
    ).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
      [4, 200],
    ]);
    expect(delivery.attempts[0]).toEqual({
      attemptNo: 1,
      statusCode: 500,
      error: 'HTTP 500',
      durationMs: expect.any(Number),
      at: expect.any(String),
    });

    // Sent is final: retrying by hand is a conflict, never a second message.
    const again = await api.http
      .post(`/api/v1/webhooks/${own.id}/deliveries/${delivery.id}/retry`)
      .set(auth(aggregatorToken));
    expect(again.status).toBe(409);

    // Another owner sees neither the webhook nor its log.
    expect((await api.http.get(`/api/v1/webhooks/${own.id}/deliveries`).set(auth(otherToken))).status).toBe(
      404,
    );
    const mine = await api.http.get('/api/v1/webhooks').set(auth(otherToken));
    expect(mine.body.data.map((w: { id: string }) => w.id)).not.toContain(own.id);
    expect(mine.body.data[0]).not.toHaveProperty('secret');
    const all = await api.http.get('/api/v1/webhooks').set(auth(operatorToken));
    expect(all.body.data.map((w: { id: string }) => w.id)).toEqual(
      expect.arrayContaining([own.id, operatorHook.id]),
    );

    // The receiver that never answers 2xx: dead after the configured 5 attempts, then retried by hand.
    const deadLog = await waitFor('the operator delivery to die', async () => {
      const res = await api.http
        .get(`/api/v1/webhooks/${operatorHook.id}/deliveries`)
        .set(auth(operatorToken));
      return res.body.data[0]?.status === 'dead' ? res.body.data[0] : undefined;
    });
    expect(deadLog.attempts).toHaveLength(5);
    expect(broken.requests).toHaveLength(5);
    const listed = await api.http
      .get('/api/v1/notifications?status=dead&channel=webhook')
      .set(auth(operatorToken));
    expect(listed.body.data.map((d: { id: string }) => d.id)).toContain(deadLog.id);
    expect(listed.body.data[0]).toMatchObject({ attempts: 5, lastError: 'HTTP 503' });
    down = false;
    const retried = await api.http
      .post(`/api/v1/webhooks/${operatorHook.id}/deliveries/${deadLog.id}/retry`)
      .set(auth(operatorToken));
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: deadLog.id, status: 'pending' });
    await waitFor('the retried delivery', async () => broken.requests.length === 6);
    // The receiver has answered; the worker marks the row sent right after.
    const afterRetry = await waitFor('the retried delivery to be marked sent', async () => {
      const [row] = await api.ds.query(`SELECT status, attempts FROM notification_deliveries WHERE id = $1`, [deadLog.id]);
      return row.status === 'sending' ? undefined : row;
    });
    expect(afterRetry).toEqual({ status: 'sent', attempts: 6 });
    expect(broken.requests).toHaveLength(6);

    // The worker's metrics count the failed attempts and observe each delivery's latency.
    const metrics = await (await fetch(worker.metricsUrl, { headers: METRICS_AUTH })).text();
    const failed = /ksbb_worker_delivery_failures_total\{channel="webhook",outcome="failed"\} (\d+)/.exec(
      metrics,
    );
    const deadCount = /ksbb_worker_delivery_failures_total\{channel="webhook",outcome="dead"\} (\d+)/.exec(
      metrics,
    );
    const latencies = /ksbb_worker_delivery_latency_seconds_count\{channel="webhook"\} (\d+)/.exec(metrics);
    expect(Number(failed?.[1])).toBe(3 + 4);
    expect(Number(deadCount?.[1])).toBe(1);
    expect(Number(latencies?.[1])).toBe(2);

    const removed = await api.http.delete(`/api/v1/webhooks/${own.id}`).set(auth(aggregatorToken));
    expect(removed.status).toBe(204);
    expect(
      (await api.http.get(`/api/v1/webhooks/${own.id}/deliveries`).set(auth(aggregatorToken))).status,
    ).toBe(404);
  });
});
