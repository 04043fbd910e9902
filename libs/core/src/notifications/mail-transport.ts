import { connect, Socket } from 'node:net';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DELIVERY_SETTINGS, DeliverySettings } from './delivery-settings';
import { dotStuffed, PipelinedSmtpPool, PipeliningUnsupported } from './smtp-pipeline';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable across retries: a receiver (or its dedup filter) can drop a resend in the crash window. */
  messageId: string;
  headers: Record<string, string>;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/** What every recipient of one email gets alike: subject, bodies, and the headers that do not name the message. */
export type SharedMail = Pick<OutgoingMail, 'subject' | 'text' | 'html' | 'headers'>;

/** One recipient's part of a prepared email: its address, its Message-ID and its own headers (ASCII values). */
export type MailRecipient = Pick<OutgoingMail, 'to' | 'messageId' | 'headers'>;

/**
 * An email whose MIME nodemailer built once, to send to many recipients: each message copies it with its own To,
 * Message-ID, Date and per-message headers put in place of placeholders.
 */
export interface PreparedMail {
  readonly mail: SharedMail;
  readonly from: string;
  /**
   * The header block cut at its per-message values, for `sendPrepared` to put a message's own in; null when
   * nodemailer's output had them other than once each (then every send builds its own).
   */
  readonly template: HeadTemplate | null;
  /** Everything after the header block: the same bytes for every recipient. */
  readonly body: Buffer;
  /** `body` as SMTP's DATA carries it (dots opening a line doubled, the final dot line): for pipelined sends. */
  readonly dataBody: Buffer;
  readonly placeholders: { readonly to: string; readonly messageId: string; readonly date: string; readonly headers: Readonly<Record<string, string>> };
}

/**
 * A header block as the texts between its per-message values: texts[0], the value of slots[0], texts[1], and so on.
 * A slot is TO, MESSAGE_ID, DATE or the name of a per-message header.
 */
interface HeadTemplate {
  readonly texts: readonly string[];
  readonly slots: readonly string[];
}

const TO = '\0to';
const MESSAGE_ID = '\0message-id';
const DATE = '\0date';

/** Cuts a prepared header block at its placeholder values (each checked to be there once, on a line of its own). */
function headTemplate(head: string, p: PreparedMail['placeholders']): HeadTemplate {
  const wrapped = `\r\n${head}\r\n`;
  const lineValue = (name: string, value: string, slot: string) => ({
    at: wrapped.indexOf(`\r\n${name}: ${value}\r\n`) + name.length + 4,
    length: value.length,
    slot,
  });
  const cuts = [
    lineValue('To', p.to, TO),
    lineValue('Message-ID', p.messageId, MESSAGE_ID),
    lineValue('Date', p.date, DATE),
    ...Object.entries(p.headers).map(([name, value]) => ({ at: wrapped.indexOf(`: ${value}\r\n`) + 2, length: value.length, slot: name })),
  ].sort((a, b) => a.at - b.at);
  const texts: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    texts.push(wrapped.slice(from, cut.at));
    from = cut.at + cut.length;
  }
  texts.push(wrapped.slice(from));
  texts[0] = texts[0].slice(2);
  texts[texts.length - 1] = texts[texts.length - 1].slice(0, -2);
  return { texts, slots: cuts.map((c) => c.slot) };
}

/** A header block that DATA would change (a line opening with a dot, a bare LF): then it is dot-stuffed per message. */
const NEEDS_STUFFING = /(^|\n)\.|(^|[^\r])\n/;
/** Messages per SMTP connection before it is replaced. */
const MAX_MESSAGES_PER_CONNECTION = 1000;

/** A value put in a prepared header as is: printable ASCII, short enough never to be folded or encoded. */
const PLAIN_VALUE = /^[\x21-\x7e]{1,100}$/;
/** An address nodemailer writes as is (no display name, no quoting, no IDN): anything else takes the full path. */
const PLAIN_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9.-]{1,189}$/;

/** The SMTP connection pool (nodemailer, from SMTP_URL), opened on first use so the API never connects. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private transporter: Transporter<SMTPPool.SentMessageInfo> | undefined;
  /** Pipelined sessions for prepared emails (SMTP_PIPELINING); undefined until first used, null when not applicable. */
  private pipeline: PipelinedSmtpPool | null | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
  ) {}

  /** The domain of MAIL_FROM, for Message-IDs. */
  get domain(): string {
    return /@([^>\s]+)/.exec(this.config.MAIL_FROM)?.[1] ?? 'ksbb.local';
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.pool().sendMail({ from: this.config.MAIL_FROM, ...mail });
  }

  /**
   * Builds the MIME of an email once (nodemailer's MailComposer, as `send` would), for `sendPrepared` to many
   * recipients: most of nodemailer's cost per message is building the MIME tree and encoding the bodies.
   * `perMessageHeaders` names the headers each recipient has its own value of.
   */
  async prepare(mail: SharedMail, perMessageHeaders: readonly string[]): Promise<PreparedMail> {
    const placeholders = {
      to: 'ksbb-to-placeholder@placeholder.invalid',
      messageId: '<ksbb-message-id-placeholder@placeholder.invalid>',
      date: new Date(0).toUTCString().replace(/GMT/, '+0000'),
      headers: Object.fromEntries(perMessageHeaders.map((h, i) => [h, `ksbb-header-placeholder-${i}`])),
    };
    const built = await new Promise<Buffer>((resolve, reject) =>
      new MailComposer({
        from: this.config.MAIL_FROM,
        ...mail,
        to: placeholders.to,
        messageId: placeholders.messageId,
        date: new Date(0),
        headers: { ...mail.headers, ...placeholders.headers },
      })
        .compile()
        .build((err, message) => (err ? reject(err) : resolve(message))),
    );
    const split = built.indexOf('\r\n\r\n');
    const head = built.subarray(0, split).toString('latin1');
    const lines = head.split('\r\n');
    const once = (matches: (line: string) => boolean): boolean => lines.filter(matches).length === 1;
    const wellFormed =
      split > 0 &&
      once((l) => l === `To: ${placeholders.to}`) &&
      once((l) => l === `Message-ID: ${placeholders.messageId}`) &&
      once((l) => l === `Date: ${placeholders.date}`) &&
      Object.values(placeholders.headers).every((v) => once((l) => l.endsWith(`: ${v}`)) && head.split(v).length === 2);
    const envelopeFrom = new MailComposer({ from: this.config.MAIL_FROM }).compile().getEnvelope().from;
    const body = built.subarray(split);
    return {
      mail,
      from: envelopeFrom || this.config.MAIL_FROM,
      template: wellFormed ? headTemplate(head, placeholders) : null,
      body,
      // The body follows the last header line (never a line end): stuffed once here for every recipient.
      dataBody: dotStuffed(body, true, 0x20),
      placeholders,
    };
  }

  /**
   * Sends a prepared email to one recipient: the prepared bytes with this message's To, Message-ID, Date and
   * headers in place. A recipient or value nodemailer would encode, quote or fold goes the full way (`send`).
   */
  async sendPrepared(prepared: PreparedMail, recipient: MailRecipient): Promise<void> {
    const { placeholders: p } = prepared;
    const own = Object.entries(recipient.headers);
    const plain =
      prepared.template !== null &&
      PLAIN_ADDRESS.test(recipient.to) &&
      PLAIN_VALUE.test(recipient.messageId) &&
      own.length === Object.keys(p.headers).length &&
      own.every(([name, value]) => name in p.headers && PLAIN_VALUE.test(value));
    if (!plain) {
      await this.send({ ...prepared.mail, ...recipient, headers: { ...prepared.mail.headers, ...recipient.headers } });
      return;
    }
    // The values put between the header block's fixed texts (each placeholder was there once when prepared).
    const { texts, slots } = prepared.template as HeadTemplate;
    let head = texts[0];
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      const value =
        slot === TO ? recipient.to
        : slot === MESSAGE_ID ? recipient.messageId
        : slot === DATE ? new Date().toUTCString().replace(/GMT/, '+0000')
        : recipient.headers[slot];
      head += value + texts[i + 1];
    }
    const pipeline = this.pipelined();
    if (pipeline && pipeline.supported !== false) {
      const headBytes = Buffer.from(head, 'latin1');
      try {
        await pipeline.send(prepared.from, recipient.to, [
          NEEDS_STUFFING.test(head) ? dotStuffed(headBytes, false) : headBytes,
          prepared.dataBody,
        ]);
        return;
      } catch (err) {
        // Found out on connecting, before any message: this server is sent to by nodemailer from now on.
        if (!(err instanceof PipeliningUnsupported)) throw err;
      }
    }
    await this.pool().sendMail({
      envelope: { from: prepared.from, to: [recipient.to] },
      raw: Buffer.concat([Buffer.from(head, 'latin1'), prepared.body]),
    });
  }

  /** The pipelined pool, when SMTP_PIPELINING is on and SMTP_URL is plain smtp:// without credentials. */
  private pipelined(): PipelinedSmtpPool | null {
    if (this.pipeline === undefined) {
      const server = smtpServerOptions(this.config.SMTP_URL);
      this.pipeline =
        this.settings.SMTP_PIPELINING && !server.secure && !server.auth
          ? new PipelinedSmtpPool({
              host: server.host,
              port: server.port,
              size: this.settings.SMTP_POOL_SIZE,
              timeoutMs: this.settings.SMTP_TIMEOUT_MS,
              maxMessages: MAX_MESSAGES_PER_CONNECTION,
            })
          : null;
    }
    return this.pipeline;
  }

  private pool(): Transporter<SMTPPool.SentMessageInfo> {
    this.transporter ??= createTransport({
      ...smtpServerOptions(this.config.SMTP_URL),
      pool: true,
      maxConnections: this.settings.SMTP_POOL_SIZE,
      maxMessages: MAX_MESSAGES_PER_CONNECTION,
      connectionTimeout: this.settings.SMTP_TIMEOUT_MS,
      greetingTimeout: this.settings.SMTP_TIMEOUT_MS,
      socketTimeout: this.settings.SMTP_TIMEOUT_MS,
      getSocket: noDelaySocket,
    });
    return this.transporter;
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
    this.transporter = undefined;
    this.pipeline?.close();
    this.pipeline = undefined;
  }
}

/**
 * Host, port, TLS mode and credentials of an smtp:// or smtps:// URL. nodemailer takes a `url` option too, but
 * then it ignores every other option — the pool, its size and the timeouts — and opens one connection per message.
 */
export function smtpServerOptions(url: string): { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } } {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
  };
}

/**
 * Opens the pool's TCP connections with Nagle's algorithm off. nodemailer writes a message as several small
 * writes (headers, body, the final dot); with Nagle on, the last one waits for the server's delayed ACK, ~40 ms
 * per message per connection. The socket is handed over while still connecting: nodemailer's own handlers then
 * see a refused or timed-out connection as they would on their own socket (and drop the pool slot), and it
 * upgrades the socket to TLS itself when the URL asks for it.
 */
function noDelaySocket(
  options: { host?: string; port?: number },
  callback: (err: Error | null, socketOptions: { connection: Socket }) => void,
): void {
  const socket = connect({ host: options.host, port: options.port ?? 25 });
  socket.setNoDelay(true);
  callback(null, { connection: socket });
}

/** SMTP 5xx answers are permanent (unknown mailbox, refused): retrying cannot help. */
export function isPermanentSmtpFailure(err: unknown): boolean {
  const code = (err as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
