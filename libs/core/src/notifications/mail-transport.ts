import { connect, Socket } from 'node:net';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DELIVERY_SETTINGS, DeliverySettings } from './delivery-settings';

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

/** The SMTP connection pool (nodemailer, from SMTP_URL), opened on first use so the API never connects. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private transporter: Transporter<SMTPPool.SentMessageInfo> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
  ) {}

  /** The domain of MAIL_FROM, for Message-IDs. */
  get domain(): string {
    return /@([^>\s]+)/.exec(this.config.MAIL_FROM)?.[1] ?? 'ksbb.local';
  }

  async send(mail: OutgoingMail): Promise<void> {
    this.transporter ??= createTransport({
      ...smtpServerOptions(this.config.SMTP_URL),
      pool: true,
      maxConnections: this.settings.SMTP_POOL_SIZE,
      maxMessages: 1000,
      connectionTimeout: this.settings.SMTP_TIMEOUT_MS,
      greetingTimeout: this.settings.SMTP_TIMEOUT_MS,
      socketTimeout: this.settings.SMTP_TIMEOUT_MS,
      getSocket: noDelaySocket,
    });
    await this.transporter.sendMail({ from: this.config.MAIL_FROM, ...mail });
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
    this.transporter = undefined;
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
