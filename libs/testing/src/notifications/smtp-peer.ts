import { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  messageId: string;
  deliveryId: string;
  event: string;
  subject: string;
  /** The raw message with quoted-printable undone: enough to look for words of the body. */
  content: string;
  /** The MIME parts sent as attachments, decoded. */
  attachments: ReceivedAttachment[];
}

export interface ReceivedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface SmtpPeer {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Messages per delivery id: a value above 1 is a duplicate. */
  countsByDelivery(): Map<string, number>;
  close(): Promise<void>;
}

const headerOf = (head: string, name: string): string => {
  const m = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return m ? m[1].replace(/\r?\n[ \t]+/g, ' ').trim() : '';
};

const decodeQuotedPrintable = (s: string): string =>
  s
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The attachment parts of a MIME message (as nodemailer writes them: base64 or quoted-printable bodies). */
export function attachmentsOf(raw: string): ReceivedAttachment[] {
  const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/gi)].map((m) => m[1]);
  if (boundaries.length === 0) return [];
  const escaped = boundaries.map((b) => b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = raw.split(new RegExp(`\\r?\\n--(?:${escaped.join('|')})(?:--)?[ \\t]*(?=\\r?\\n|$)`));
  const found: ReceivedAttachment[] = [];
  for (const part of parts) {
    const at = part.search(/\r?\n\r?\n/);
    if (at < 0) continue;
    const head = part.slice(0, at).replace(/^\r?\n/, '');
    if (!/^attachment/i.test(headerOf(head, 'Content-Disposition'))) continue;
    const body = part.slice(at).replace(/^\r?\n\r?\n/, '');
    const encoding = headerOf(head, 'Content-Transfer-Encoding').toLowerCase();
    const content =
      encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
        : encoding === 'quoted-printable'
          ? Buffer.from(decodeQuotedPrintable(body), 'latin1')
          : Buffer.from(body, 'utf8');
    const disposition = headerOf(head, 'Content-Disposition');
    const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? '';
    found.push({ filename, contentType: headerOf(head, 'Content-Type').split(';')[0].trim(), content });
  }
  return found;
}

/** A real SMTP server in the test process: it accepts everything and keeps what it received. */
export async function startSmtpPeer({ delayMs = 0 }: { delayMs?: number } = {}): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const head = raw.split(/\r?\n\r?\n/)[0];
        const accept = (): void => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address).join(','),
            messageId: headerOf(head, 'Message-ID'),
            deliveryId: headerOf(head, 'X-KSBB-Delivery'),
            event: headerOf(head, 'X-KSBB-Event'),
            subject: headerOf(head, 'Subject'),
            content: decodeQuotedPrintable(raw),
            attachments: attachmentsOf(raw),
          });
          callback();
        };
        if (delayMs > 0) setTimeout(accept, delayMs);
        else accept();
      });
    },
  });
  // A client that dies mid-session (a worker killed by a test) resets its connection; an MTA shrugs that off.
  server.on('error', () => undefined);
  // Like a production MTA, answer without Nagle's delay: otherwise each "250 OK" waits for the client's delayed ACK.
  server.server.on('connection', (socket: Socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    countsByDelivery() {
      const counts = new Map<string, number>();
      for (const m of received) counts.set(m.deliveryId, (counts.get(m.deliveryId) ?? 0) + 1);
      return counts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
