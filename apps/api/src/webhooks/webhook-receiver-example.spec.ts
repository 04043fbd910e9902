import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newWebhookSecret, signWebhook } from '@ksbb/core';

/**
 * The receiver in docs/examples/verify-webhook.mjs, which docs/INTEGRATION.md shows verbatim, run as partners run it
 * (a separate Node process) and fed deliveries signed by the platform's own signer, with the headers the delivery
 * worker sends.
 */
const ROOT = join(__dirname, '../../../..');
const EXAMPLE = join(ROOT, 'docs/examples/verify-webhook.mjs');

describe('docs/examples/verify-webhook.mjs (the webhook receiver of docs/INTEGRATION.md)', () => {
  const secret = newWebhookSecret();
  let child: ChildProcess;
  let url: string;
  let stdout = '';

  beforeAll(async () => {
    child = spawn(process.execPath, [EXAMPLE], { env: { ...process.env, KSBB_WEBHOOK_SECRET: secret, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const port = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the example exited with ${code}: ${stderr}`)));
      const poll = setInterval(() => {
        const m = /listening on (\d+)/.exec(stdout);
        if (m) {
          clearInterval(poll);
          resolve(Number(m[1]));
        }
      }, 20);
    });
    url = `http://127.0.0.1:${port}/ksbb-hook`;
  });

  afterAll(() => {
    child.removeAllListeners('exit');
    child.kill();
  });

  const delivery = (): { id: string; body: string } => {
    const id = randomUUID();
    const body = JSON.stringify({
      id,
      type: 'handover.verified',
      createdAt: new Date().toISOString(),
      data: { handoverId: randomUUID(), bastNumber: 'BAST/PANGAN/2026/000001', status: 'verified', totalQuantity: 120, note: 'Sembako — ✓' },
    });
    return { id, body };
  };

  const post = (body: string, signature: string, id: string = randomUUID()): Promise<Response> =>
    fetch(url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'KSBB-Webhooks/1.0',
        'x-ksbb-signature': signature,
        'x-ksbb-delivery': id,
        'x-ksbb-event': 'handover.verified',
      },
    });

  /** The line the receiver printed for a delivery (it reaches this process through a pipe, a moment after the 204). */
  const printed = async (id: string): Promise<string | undefined> => {
    for (let i = 0; i < 250 && !stdout.includes(id); i++) await new Promise((r) => setTimeout(r, 20));
    return stdout.split('\n').find((l) => l.includes(id));
  };

  const now = (): number => Math.floor(Date.now() / 1000);

  it('accepts a delivery signed by the platform and hands the event to the application', async () => {
    const { id, body } = delivery();
    const res = await post(body, signWebhook(secret, body, now()), id);
    expect(res.status).toBe(204);
    const line = await printed(id);
    expect(JSON.parse(line ?? '{}')).toEqual({ deliveryId: id, type: 'handover.verified', data: JSON.parse(body).data });
  });

  it('accepts a timestamp within the 5-minute tolerance', async () => {
    const { body } = delivery();
    expect((await post(body, signWebhook(secret, body, now() - 240))).status).toBe(204);
  });

  it('rejects a tampered body', async () => {
    const { body } = delivery();
    const signature = signWebhook(secret, body, now());
    expect((await post(body.replace('"totalQuantity":120', '"totalQuantity":999'), signature)).status).toBe(401);
  });

  it('rejects a stale timestamp (a replay), even with a correct signature for it', async () => {
    const { body } = delivery();
    expect((await post(body, signWebhook(secret, body, now() - 360))).status).toBe(401);
  });

  it('rejects another secret, a missing or malformed header', async () => {
    const { body } = delivery();
    expect((await post(body, signWebhook(newWebhookSecret(), body, now()))).status).toBe(401);
    expect((await post(body, '')).status).toBe(401);
    expect((await post(body, `t=${now()},v1=abc`)).status).toBe(401);
    expect((await post(body, signWebhook(secret, body, now()).replace(/^t=\d+/, 't=soon'))).status).toBe(401);
  });

  it('is included verbatim in docs/INTEGRATION.md', () => {
    const doc = readFileSync(join(ROOT, 'docs/INTEGRATION.md'), 'utf8');
    expect(doc).toContain(`\`\`\`js\n${readFileSync(EXAMPLE, 'utf8')}\`\`\``);
  });
});
