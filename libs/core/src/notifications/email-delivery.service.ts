import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { emailVerificationLink } from '../auth/email-verification-link';
import { DELIVERY_SETTINGS, DeliverySettings, retryDelayMs } from './delivery-settings';
import { DeliveryJobs } from './delivery-jobs';
import { ClaimedDelivery, DeliveryStateRepository } from './delivery-state.repository';
import { renderEventEmail } from './email-template';
import { isPermanentSmtpFailure, MailTransport } from './mail-transport';
import { languageOf } from './notification-texts';

/** What one delivery job did; the worker turns it into metrics. */
export type DeliveryOutcome =
  | { status: 'sent'; latencySeconds: number | null }
  | { status: 'failed' | 'dead'; error: string }
  | { status: 'skipped' };

/**
 * Sends one email delivery exactly once at the recipient, as far as SMTP allows: the row is claimed atomically
 * before sending and marked sent right after the server accepts, so a redelivered job finds nothing to do.
 * The one window left is a crash after the SMTP server accepted and before the row is marked: after the lease
 * runs out the message is sent again, with the same Message-ID (the delivery id) so receivers can drop it.
 */
@Injectable()
export class EmailDeliveryService {
  private readonly logger = new Logger(EmailDeliveryService.name);

  constructor(
    private readonly state: DeliveryStateRepository,
    private readonly transport: MailTransport,
    private readonly jobs: DeliveryJobs,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(deliveryId: string): Promise<DeliveryOutcome> {
    const claimed = await this.state.claim(deliveryId);
    if (!claimed) return { status: 'skipped' };
    if (claimed.channel !== 'email') return this.fail(claimed, 'not an email delivery', true);
    const event = claimed.event;
    if (!event) return this.fail(claimed, 'the event of this delivery no longer exists', true);
    const email = renderEventEmail(event.type, languageOf(claimed.language), this.withLinks(event.type, event.payload));
    try {
      await this.transport.send({
        to: claimed.recipient,
        ...email,
        messageId: `<${claimed.id}@${this.transport.domain}>`,
        headers: { 'X-KSBB-Delivery': claimed.id, 'X-KSBB-Event': event.type },
      });
    } catch (err) {
      return this.fail(claimed, smtpError(err), isPermanentSmtpFailure(err));
    }
    return { status: 'sent', latencySeconds: await this.state.markSent(claimed) };
  }

  /** The verification email's link is recomputed here from the token id: the outbox never holds a usable link. */
  private withLinks(type: string, payload: Record<string, unknown>): Record<string, unknown> {
    if (type === 'user.email_verification_requested' && typeof payload.tokenId === 'string') {
      return { ...payload, link: emailVerificationLink(this.config, payload.tokenId) };
    }
    return payload;
  }

  private async fail(claimed: ClaimedDelivery, error: string, permanent: boolean): Promise<DeliveryOutcome> {
    const delay = retryDelayMs(claimed.attempt, this.settings);
    const status = await this.state.markFailed(claimed, error, delay, permanent);
    if (status === 'failed') await this.jobs.enqueue([{ id: claimed.id, channel: 'email' }], delay);
    this.logger.warn(
      { deliveryId: claimed.id, attempt: claimed.attempt, status, err: error },
      'email not delivered',
    );
    return { status: status === 'dead' ? 'dead' : 'failed', error };
  }
}

/** The SMTP answer or the error message; never the message itself. */
function smtpError(err: unknown): string {
  const e = err as { response?: unknown; message?: unknown; code?: unknown };
  const text =
    typeof e?.response === 'string' ? e.response : typeof e?.message === 'string' ? e.message : String(err);
  return typeof e?.code === 'string' ? `${e.code}: ${text}` : text;
}
