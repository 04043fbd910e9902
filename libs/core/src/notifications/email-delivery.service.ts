import { Inject, Injectable, Logger } from '@nestjs/common';
import { FileStorage } from '../storage/file-storage';
import { APP_CONFIG, AppConfig } from '../config/config';
import { emailVerificationLink } from '../auth/email-verification-link';
import { DELIVERY_SETTINGS, DeliverySettings, retryDelayMs } from './delivery-settings';
import { DeliveryJobs } from './delivery-jobs';
import { Coalescer } from './coalescer';
import { ClaimedDelivery, DeliveryEvent, deliveryLatency, DeliveryStateRepository } from './delivery-state.repository';
import { renderEventEmail } from './email-template';
import { isPermanentSmtpFailure, MailTransport, OutgoingMail, PreparedMail } from './mail-transport';
import { languageOf } from './notification-texts';
import type { Language } from '../users/user.entity';

const ATTACHED: Record<'id' | 'en', (fileName: string) => string> = {
  id: (f) => `Berkas laporan terlampir: ${f}.`,
  en: (f) => `The report file is attached: ${f}.`,
};
const TOO_LARGE: Record<'id' | 'en', (url: string) => string> = {
  id: (u) => `Berkas laporan terlalu besar untuk dilampirkan; unduh di ${u} (perlu masuk).`,
  en: (u) => `The report file is too large to attach; download it at ${u} (sign-in required).`,
};
/** Larger report files are linked instead: many mail servers refuse messages over 10–25 MB (base64 adds a third). */
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** What one delivery job did; the worker turns it into metrics. */
export type DeliveryOutcome =
  | { status: 'sent'; latencySeconds: number | null }
  | { status: 'failed' | 'dead'; error: string }
  | { status: 'skipped' };

/**
 * Sends one email delivery exactly once at the recipient, as far as SMTP allows: the row is claimed atomically
 * (status `sending`, with a lease) before sending and marked sent right after the server accepts, so a redelivered
 * job finds nothing to do. A mark that fails because the database connection went away (PgBouncer or PostgreSQL
 * restarting) is tried again on a fresh connection until it lands or the claim's lease runs out — were it given up,
 * the row would be claimed again after the lease and the email sent a second time. The mark is fenced by the
 * attempt number, so trying it again is always safe. The one window left is a worker that dies (or a database away
 * for longer than the lease) after the SMTP server accepted and before the row is marked: after the lease the
 * message is sent again, with the same Message-ID (the delivery id) so receivers can drop it.
 */
@Injectable()
export class EmailDeliveryService {
  private readonly logger = new Logger(EmailDeliveryService.name);
  /** Claims of this process's concurrent jobs, coalesced into one statement per round trip (DELIVERY_CLAIM_BATCH). */
  private readonly claims: Coalescer<string, ClaimedDelivery | null>;
  /** Sent marks likewise (DELIVERY_MARK_BATCH, DELIVERY_MARK_WAIT_MS). */
  private readonly marks: Coalescer<ClaimedDelivery, Date | null>;
  /** The built email of recent events per language: every recipient of an event gets the same text. */
  private readonly rendered = new Map<string, Promise<PreparedMail>>();

  constructor(
    private readonly state: DeliveryStateRepository,
    private readonly transport: MailTransport,
    private readonly jobs: DeliveryJobs,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
    private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.claims = new Coalescer((ids) => this.state.claimMany(ids), { maxBatch: settings.DELIVERY_CLAIM_BATCH, waitMs: 0 });
    this.marks = new Coalescer(
      async (ds) => {
        const sent = await this.state.markSentMany(ds.map((d) => ({ id: d.id, attempt: d.attempt })));
        return ds.map((d) => sent.get(d.id) ?? null);
      },
      { maxBatch: settings.DELIVERY_MARK_BATCH, waitMs: settings.DELIVERY_MARK_WAIT_MS },
    );
  }

  async send(deliveryId: string): Promise<DeliveryOutcome> {
    // Taken before the claim's round trip: the lease cannot run out earlier than this plus DELIVERY_LEASE_MS.
    const leaseFrom = Date.now();
    const claimed = await (this.settings.DELIVERY_CLAIM_BATCH <= 1 ? this.state.claim(deliveryId) : this.claims.call(deliveryId));
    if (!claimed) return { status: 'skipped' };
    if (claimed.channel !== 'email') return this.fail(claimed, 'not an email delivery', true);
    const event = claimed.event;
    if (!event) return this.fail(claimed, 'the event of this delivery no longer exists', true);
    const language = languageOf(claimed.language);
    let attachments: OutgoingMail['attachments'];
    const extra: string[] = [];
    if (claimed.reportRunId) {
      // A scheduled report: the run's stored file, the same bytes for every recipient and every retry.
      if (!claimed.reportStorageKey) return this.fail(claimed, 'the report run has no file', true);
      const fileName = stringOf(event.payload.fileName) ?? `ksbb-report-${claimed.reportRunId}`;
      const contentType = stringOf(event.payload.contentType) ?? 'application/octet-stream';
      let content: Buffer;
      try {
        content = await this.storage.get(claimed.reportStorageKey);
      } catch (err) {
        const missing = (err as { code?: unknown })?.code === 'ENOENT';
        return this.fail(claimed, `report file unreadable: ${smtpError(err)}`, missing);
      }
      if (content.length <= MAX_ATTACHMENT_BYTES) attachments = [{ filename: fileName, content, contentType }];
      else extra.push(TOO_LARGE[language](stringOf(event.payload.fileUrl) ?? fileName));
    }
    if (attachments) extra.push(ATTACHED[language](attachments[0].filename));
    const own = {
      to: claimed.recipient,
      messageId: `<${claimed.id}@${this.transport.domain}>`,
      headers: { 'X-KSBB-Delivery': claimed.id },
    };
    try {
      if (extra.length) {
        // A report's email (its own lines, maybe a file): built for this message alone.
        const email = renderEventEmail(event.type, language, this.withLinks(event.type, event.payload), extra);
        await this.transport.send({
          ...own,
          ...email,
          ...(attachments ? { attachments } : {}),
          headers: { ...own.headers, 'X-KSBB-Event': event.type },
        });
      } else {
        await this.transport.sendPrepared(await this.prepared(claimed.eventId, event, language), own);
      }
    } catch (err) {
      return this.fail(claimed, smtpError(err), isPermanentSmtpFailure(err));
    }
    return { status: 'sent', latencySeconds: await this.markSentUntilLeaseEnds(claimed, leaseFrom) };
  }

  /**
   * The sent mark, tried again while the database is unreachable (connection refused, cut or timed out) and the
   * claim's lease still holds; any other error, or the lease's end, is thrown to the job as before.
   */
  private async markSentUntilLeaseEnds(claimed: ClaimedDelivery, leaseFrom: number): Promise<number | null> {
    const deadline = leaseFrom + this.settings.DELIVERY_LEASE_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.markSent(claimed);
      } catch (err) {
        const wait = Math.min(MARK_RETRY_MAX_MS, MARK_RETRY_BASE_MS * 2 ** (attempt - 1));
        if (!connectionLost(err) || Date.now() + wait >= deadline) throw err;
        if (attempt === 1)
          this.logger.warn(
            { deliveryId: claimed.id, attempt: claimed.attempt, err: smtpError(err) },
            'email sent but not yet marked (database unreachable); marking it again',
          );
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  /**
   * The row marked sent, batched with the other sends of this process (up to DELIVERY_MARK_BATCH rows, gathered
   * while the previous batch is in flight, and for DELIVERY_MARK_WAIT_MS): one UPDATE for many emails. The job
   * resolves only once its row is marked, so a redelivered job still finds nothing to send.
   */
  private async markSent(claimed: ClaimedDelivery): Promise<number | null> {
    if (this.settings.DELIVERY_MARK_BATCH <= 1) return this.state.markSent(claimed);
    const sentAt = await this.marks.call(claimed);
    return sentAt ? deliveryLatency(claimed, sentAt) : null;
  }

  /**
   * An event's email in one language, rendered and built (MIME) once for all its recipients: a fan-out sends one
   * event to many at once. The last RENDERED_EVENTS are kept.
   */
  private prepared(eventId: string, event: DeliveryEvent, language: Language): Promise<PreparedMail> {
    const key = `${eventId}:${language}`;
    let prepared = this.rendered.get(key);
    if (!prepared) {
      const email = renderEventEmail(event.type, language, this.withLinks(event.type, event.payload));
      prepared = this.transport.prepare({ ...email, headers: { 'X-KSBB-Event': event.type } }, ['X-KSBB-Delivery']);
      if (this.rendered.size >= RENDERED_EVENTS) this.rendered.delete(this.rendered.keys().next().value as string);
      this.rendered.set(key, prepared);
      prepared.catch(() => this.rendered.get(key) === prepared && this.rendered.delete(key));
    }
    return prepared;
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
    if (status === 'failed') await this.jobs.enqueue([{ id: claimed.id, channel: 'email', attempts: claimed.attempt }], delay);
    this.logger.warn(
      { deliveryId: claimed.id, attempt: claimed.attempt, status, err: error },
      'email not delivered',
    );
    return { status: status === 'dead' ? 'dead' : 'failed', error };
  }
}

const MARK_RETRY_BASE_MS = 100;
/** Rendered emails kept: events whose deliveries are being sent now (a fan-out sends one event to many at once). */
const RENDERED_EVENTS = 64;
const MARK_RETRY_MAX_MS = 1000;

/**
 * Whether a query failed because the database could not be reached or the connection was lost (no SQLSTATE; or
 * class 08 connection exception, 53 insufficient resources, 57 operator intervention — what PgBouncer and a
 * restarting server answer), rather than because of the statement.
 */
function connectionLost(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  // SQLSTATE classes begin with a digit or F, H, P, X; Node's socket codes (EPIPE, ECONNRESET) begin with E.
  if (typeof code === 'string' && /^[0-9FHPX][0-9A-Z]{4}$/.test(code)) return /^(08|53|57)/.test(code);
  return err instanceof Error;
}

const stringOf = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The SMTP answer or the error message; never the message itself. */
function smtpError(err: unknown): string {
  const e = err as { response?: unknown; message?: unknown; code?: unknown };
  const text =
    typeof e?.response === 'string' ? e.response : typeof e?.message === 'string' ? e.message : String(err);
  return typeof e?.code === 'string' ? `${e.code}: ${text}` : text;
}
