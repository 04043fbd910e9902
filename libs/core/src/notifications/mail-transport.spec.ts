import { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { AppConfig } from '../config/config';
import { loadDeliverySettings } from './delivery-settings';
import { MailTransport, smtpServerOptions } from './mail-transport';

describe('smtpServerOptions', () => {
  it('reads host, port, TLS mode and decoded credentials from the URL', () => {
    expect(smtpServerOptions('smtp://127.0.0.1:1025')).toEqual({ host: '127.0.0.1', port: 1025, secure: false });
    expect(smtpServerOptions('smtps://mailer%40ksbb:p%40ss%3A1@mail.example.org')).toEqual({
      host: 'mail.example.org',
      port: 465,
      secure: true,
      auth: { user: 'mailer@ksbb', pass: 'p@ss:1' },
    });
    expect(smtpServerOptions('smtp://[::1]:2525')).toMatchObject({ host: '::1', port: 2525 });
  });
});

describe('MailTransport against a real SMTP server', () => {
  let server: SMTPServer;
  let port = 0;
  let connections = 0;
  const received: string[] = [];
  const raw: string[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(session.envelope.rcptTo.map((r) => r.address).join(','));
          raw.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    server.server.on('connection', (_socket: Socket) => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('keeps a pool of connections open instead of one connection per message', async () => {
    const settings = loadDeliverySettings({ SMTP_POOL_SIZE: '3', SMTP_TIMEOUT_MS: '5000' });
    const transport = new MailTransport({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'KSBB <no-reply@ksbb.test>' } as AppConfig, settings);
    try {
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          transport.send({ to: `r${i}@example.org`, subject: 's', text: 't', html: '<p>t</p>', messageId: `<${i}@ksbb.test>`, headers: {} }),
        ),
      );
    } finally {
      transport.onApplicationShutdown();
    }
    expect(received).toHaveLength(30);
    expect(new Set(received).size).toBe(30);
    expect(connections).toBeGreaterThan(0);
    expect(connections).toBeLessThanOrEqual(3);
  });

  it('fails every send to a server that refuses connections, more sends than the pool has slots, without hanging', async () => {
    const closed = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const settings = loadDeliverySettings({ SMTP_POOL_SIZE: '2', SMTP_TIMEOUT_MS: '2000' });
    const transport = new MailTransport({ SMTP_URL: `smtp://127.0.0.1:${deadPort}`, MAIL_FROM: 'no-reply@ksbb.test' } as AppConfig, settings);
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 7 }, (_, i) =>
          transport.send({ to: `r${i}@example.org`, subject: 's', text: 't', html: 't', messageId: `<d${i}@ksbb.test>`, headers: {} }),
        ),
      );
      expect(outcomes.map((o) => o.status)).toEqual(Array(7).fill('rejected'));
      expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/ECONNREFUSED/);
    } finally {
      transport.onApplicationShutdown();
    }
  });

  it('sends a prepared email to each recipient as the same bytes nodemailer builds for it, but for Date and boundary', async () => {
    const settings = loadDeliverySettings({ SMTP_POOL_SIZE: '2', SMTP_TIMEOUT_MS: '5000' });
    const transport = new MailTransport({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'KSBB Jakarta <no-reply@ksbb.test>' } as AppConfig, settings);
    const shared = {
      subject: '[KSBB] Komitmen disetujui — KOM/PANGAN/2026/000777',
      text: `Halo,\n\nKomitmen Anda disetujui. Baris panjang ${'kata '.repeat(40)}\n.\n--\nPesan otomatis, ü`,
      html: '<p>Halo,</p>\n<p>Komitmen Anda <b>disetujui</b> — terima kasih.</p>',
      headers: { 'X-KSBB-Event': 'commitment.approved' },
    };
    // The same boundary on both sides (the prepared body keeps the one it was built with).
    const boundaryOf = (m: string): string => /boundary="([^"]+)"/.exec(m)?.[1] ?? 'none';
    const comparable = (m: string): string =>
      m.split(boundaryOf(m)).join('BOUNDARY').replace(/^Date: .*$/m, 'Date: -');
    try {
      const prepared = await transport.prepare(shared, ['X-KSBB-Delivery']);
      expect(prepared.template).not.toBeNull();
      for (const to of ['donatur@example.org', "o'brien+a$&b@sub.example.co.id"]) {
        const own = { to, messageId: `<m-${raw.length}@ksbb.test>`, headers: { 'X-KSBB-Delivery': `d-${raw.length}` } };
        const from = raw.length;
        await transport.sendPrepared(prepared, own);
        await transport.send({ ...shared, ...own, headers: { ...shared.headers, ...own.headers } });
        const [viaPrepared, viaNodemailer] = raw.slice(from);
        expect(viaPrepared).toContain(`\r\nTo: ${to}\r\n`);
        expect(comparable(viaPrepared)).toEqual(comparable(viaNodemailer));
      }
      // A recipient nodemailer would encode (a display name, a non-ASCII domain) goes nodemailer's own way.
      await transport.sendPrepared(prepared, { to: 'Budi <budi@contoh.id>', messageId: '<n@ksbb.test>', headers: { 'X-KSBB-Delivery': 'n' } });
      expect(received.at(-1)).toBe('budi@contoh.id');
      expect(raw.at(-1)).toContain('\r\nTo: Budi <budi@contoh.id>\r\n');
    } finally {
      transport.onApplicationShutdown();
    }
  });
});
