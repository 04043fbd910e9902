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
      url: this.config.SMTP_URL,
      pool: true,
      maxConnections: 4,
      connectionTimeout: this.settings.SMTP_TIMEOUT_MS,
      greetingTimeout: this.settings.SMTP_TIMEOUT_MS,
      socketTimeout: this.settings.SMTP_TIMEOUT_MS,
    });
    await this.transporter.sendMail({ from: this.config.MAIL_FROM, ...mail });
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
    this.transporter = undefined;
  }
}

/** SMTP 5xx answers are permanent (unknown mailbox, refused): retrying cannot help. */
export function isPermanentSmtpFailure(err: unknown): boolean {
  const code = (err as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
