import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import DataStream from 'nodemailer/lib/smtp-connection/data-stream';
import { AppConfig } from '../config/config';
import { loadDeliverySettings } from './delivery-settings';
import { MailTransport } from './mail-transport';
import { dotStuffed, PipelinedSmtpPool, PipeliningUnsupported } from './smtp-pipeline';

/** What nodemailer's DataStream writes for `message` (the reference for dotStuffed). */
const viaDataStream = (message: Buffer): Promise<Buffer> =>
  new Promise((resolve) => {
    const out: Buffer[] = [];
    const s = new DataStream();
    s.on('data', (c: Buffer) => out.push(c));
    s.on('end', () => resolve(Buffer.concat(out)));
    s.end(message);
  });

describe('dotStuffed', () => {
  it.each(['.a\r\nb', 'a\r\n.\r\n..x\n.y\r\n', 'a\nb\rc\r\n', 'ends in CR\r', 'ends in LF\n', '', 'plain'])(
    'writes what nodemailer writes for %j',
    async (text) => {
      const message = Buffer.from(text, 'latin1');
      expect(dotStuffed(message, true).toString('latin1')).toBe((await viaDataStream(message)).toString('latin1'));
    },
  );

  it('stuffs a body that follows other bytes as the whole message would be', async () => {
    const head = Buffer.from('Subject: x');
    const body = Buffer.from('\r\n\r\n.dot\nline\r\n');
    const whole = await viaDataStream(Buffer.concat([head, body]));
    expect(Buffer.concat([dotStuffed(head, false), dotStuffed(body, true, head[head.length - 1])]).equals(whole)).toBe(true);
  });
});

/** A scripted SMTP server: records each chunk the client writes, answers by the script. */
async function scripted(ehlo: string, answer: (line: string) => string | null): Promise<{ server: Server; port: number; chunks: string[] }> {
  const chunks: string[] = [];
  const server = createServer((socket: Socket) => {
    socket.setNoDelay(true);
    socket.write('220 test ESMTP\r\n');
    let inData = false;
    socket.on('data', (c: Buffer) => {
      const text = c.toString('latin1');
      chunks.push(text);
      for (const line of text.split('\r\n').filter((l, i, all) => i < all.length - 1 || l !== '')) {
        if (inData) {
          if (line === '.') {
            inData = false;
            socket.write('250 queued\r\n');
          }
          continue;
        }
        if (/^EHLO /.test(line)) socket.write(ehlo);
        else if (line === 'QUIT') socket.end('221 bye\r\n');
        else {
          const reply = answer(line);
          if (reply?.startsWith('354')) inData = true;
          if (reply) socket.write(reply);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, chunks };
}

describe('PipelinedSmtpPool', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));
  const accepting = (line: string): string | null =>
    /^(MAIL|RCPT)/.test(line) ? '250 ok\r\n' : line === 'DATA' ? '354 go\r\n' : null;

  it('sends MAIL FROM, RCPT TO and DATA in one write, then the message in one more', async () => {
    const s = await scripted('250-test\r\n250-PIPELINING\r\n250 8BITMIME\r\n', accepting);
    servers.push(s.server);
    const pool = new PipelinedSmtpPool({ host: '127.0.0.1', port: s.port, size: 1, timeoutMs: 2000, maxMessages: 10 });
    try {
      await pool.send('from@ksbb.test', 'to@example.org', [Buffer.from('Subject: a'), dotStuffed(Buffer.from('\r\n\r\nhi'), true, 0x61)]);
      await pool.send('from@ksbb.test', 'to2@example.org', [Buffer.from('Subject: b'), dotStuffed(Buffer.from('\r\n\r\nhi'), true, 0x62)]);
    } finally {
      pool.close();
    }
    const envelopes = s.chunks.filter((c) => c.startsWith('MAIL'));
    expect(envelopes).toEqual([
      'MAIL FROM:<from@ksbb.test>\r\nRCPT TO:<to@example.org>\r\nDATA\r\n',
      'MAIL FROM:<from@ksbb.test>\r\nRCPT TO:<to2@example.org>\r\nDATA\r\n',
    ]);
    expect(s.chunks).toContain('Subject: a\r\n\r\nhi\r\n.\r\n');
    expect(pool.supported).toBe(true);
  });

  it('reports a refused recipient with its SMTP code (5xx: permanent) and carries on with a new session', async () => {
    let refused = false;
    const s = await scripted('250-test\r\n250 PIPELINING\r\n', (line) => {
      if (line.startsWith('MAIL')) refused = false;
      if (line.startsWith('RCPT')) refused = line.startsWith('RCPT TO:<bad@');
      if (refused) return line === 'DATA' ? '503 5.5.1 no valid recipients\r\n' : '550 5.1.1 no such user\r\n';
      return accepting(line);
    });
    servers.push(s.server);
    const pool = new PipelinedSmtpPool({ host: '127.0.0.1', port: s.port, size: 1, timeoutMs: 2000, maxMessages: 10 });
    try {
      await expect(pool.send('f@ksbb.test', 'bad@example.org', [Buffer.from('x\r\n.\r\n')])).rejects.toMatchObject({
        responseCode: 550,
        code: 'EENVELOPE',
      });
      await expect(pool.send('f@ksbb.test', 'good@example.org', [Buffer.from('x\r\n.\r\n')])).resolves.toBeUndefined();
    } finally {
      pool.close();
    }
    expect(s.chunks.filter((c) => c.startsWith('EHLO'))).toHaveLength(2);
  });

  it('declines a server without PIPELINING or offering STARTTLS before sending anything', async () => {
    for (const ehlo of ['250-test\r\n250 8BITMIME\r\n', '250-test\r\n250-PIPELINING\r\n250 STARTTLS\r\n']) {
      const s = await scripted(ehlo, accepting);
      servers.push(s.server);
      const pool = new PipelinedSmtpPool({ host: '127.0.0.1', port: s.port, size: 2, timeoutMs: 2000, maxMessages: 10 });
      await expect(pool.send('f@ksbb.test', 't@example.org', [Buffer.from('x\r\n.\r\n')])).rejects.toBeInstanceOf(PipeliningUnsupported);
      await expect(pool.send('f@ksbb.test', 't@example.org', [Buffer.from('x\r\n.\r\n')])).rejects.toBeInstanceOf(PipeliningUnsupported);
      pool.close();
      expect(pool.supported).toBe(false);
      expect(s.chunks.some((c) => c.startsWith('MAIL'))).toBe(false);
    }
  });

  it('fails on a server that goes silent, after the timeout, instead of hanging', async () => {
    const s = await scripted('250-test\r\n250 PIPELINING\r\n', () => null);
    servers.push(s.server);
    const pool = new PipelinedSmtpPool({ host: '127.0.0.1', port: s.port, size: 1, timeoutMs: 300, maxMessages: 10 });
    try {
      await expect(pool.send('f@ksbb.test', 't@example.org', [Buffer.from('x\r\n.\r\n')])).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    } finally {
      pool.close();
    }
  });
});

describe('MailTransport and a server without PIPELINING', () => {
  it('sends prepared emails through nodemailer instead', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      hidePIPELINING: true,
      logger: false,
      onData(stream, session, callback) {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          received.push(session.envelope.rcptTo.map((r) => r.address).join(','));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    const settings = loadDeliverySettings({ SMTP_POOL_SIZE: '2', SMTP_TIMEOUT_MS: '5000' });
    const transport = new MailTransport({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'no-reply@ksbb.test' } as AppConfig, settings);
    try {
      const prepared = await transport.prepare({ subject: 's', text: 't', html: '<p>t</p>', headers: {} }, ['X-KSBB-Delivery']);
      await Promise.all(
        ['a@example.org', 'b@example.org', 'c@example.org'].map((to, i) =>
          transport.sendPrepared(prepared, { to, messageId: `<p${i}@ksbb.test>`, headers: { 'X-KSBB-Delivery': `p${i}` } }),
        ),
      );
    } finally {
      transport.onApplicationShutdown();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(received.sort()).toEqual(['a@example.org', 'b@example.org', 'c@example.org']);
  });
});
