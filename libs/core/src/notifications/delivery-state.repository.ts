import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DELIVERY_SETTINGS, DeliverySettings } from './delivery-settings';
import { DeliveryRef } from './delivery-jobs';
import { DeliveryChannel, DeliveryStatus } from './notification-delivery.entity';
import { returnedRows } from './sql-rows';

/** A delivery row this worker now holds (status `sending`) for one attempt. */
export interface ClaimedDelivery {
  id: string;
  eventId: string;
  eventType: string;
  channel: DeliveryChannel;
  recipient: string;
  webhookId: string | null;
  language: string;
  /** The attempt number this claim is; also the fencing token for marking the outcome. */
  attempt: number;
  /** The event this delivery carries; null when it no longer exists. */
  event: DeliveryEvent | null;
  /** The scheduled report run whose file this email attaches (null for other deliveries). */
  reportRunId: string | null;
  /** That run's stored file; null when the run has none (any more). */
  reportStorageKey: string | null;
}

export interface DeliveryEvent {
  type: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** Which rows a claim may take: due and not held by a live worker (a `sending` row whose lease ran out is). */
const CLAIMABLE = `(status = 'pending'
  OR (status = 'failed' AND next_attempt_at <= now() + interval '1 second')
  OR (status = 'sending' AND next_attempt_at <= now() AND attempts < $3))`;

const CLAIMED_COLUMNS = `id, event_id AS "eventId", event_type AS "eventType", channel, recipient,
  webhook_id AS "webhookId", language, attempts AS attempt, report_run_id AS "reportRunId"`;

/**
 * The state machine of a delivery row, each step one atomic statement:
 * pending|failed → sending (claim, with a lease) → sent | failed (retry later) | dead.
 * A `sending` row whose lease ran out (its worker died) may be claimed again.
 */
@Injectable()
export class DeliveryStateRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
  ) {}

  /**
   * Claims the row for one attempt, or returns null when it is not this job's to send: already sent or dead,
   * held by a live worker, or a failed row whose backoff has not run out (an early duplicate job).
   */
  async claim(id: string): Promise<ClaimedDelivery | null> {
    return (await this.claimMany([id]))[0];
  }

  /**
   * Claims many rows at once (the email workers' claims, coalesced): one statement, each row claimed or not exactly
   * as `claim` would. Answers per id in order; an id given twice is claimed once, for its first place. The rows are
   * locked in id order, so two workers claiming overlapping batches wait for each other instead of deadlocking.
   */
  async claimMany(ids: string[]): Promise<(ClaimedDelivery | null)[]> {
    // One round trip: the claims and the events they deliver (an event may be gone: the caller fails the row).
    const rows: (Omit<ClaimedDelivery, 'event'> & { evType: string | null; evPayload: Record<string, unknown>; evCreatedAt: Date })[] =
      await this.dataSource.query(
        `WITH locked AS (
           SELECT id AS locked_id FROM notification_deliveries
            WHERE id = ANY ($1::uuid[]) AND ${CLAIMABLE}
            ORDER BY id
              FOR UPDATE),
         claimed AS (
           UPDATE notification_deliveries d
              SET status = 'sending', attempts = attempts + 1, updated_at = now(),
                  next_attempt_at = now() + make_interval(secs => $2::float8 / 1000)
             FROM locked
            WHERE d.id = locked.locked_id AND ${CLAIMABLE}
            RETURNING ${CLAIMED_COLUMNS})
         SELECT c.*, e.type AS "evType", e.payload AS "evPayload", e.created_at AS "evCreatedAt",
                rr.storage_key AS "reportStorageKey"
           FROM claimed c LEFT JOIN outbox_events e ON e.event_id = c."eventId"
           LEFT JOIN report_runs rr ON rr.id = c."reportRunId" AND rr.status = 'succeeded'`,
        [ids, this.settings.DELIVERY_LEASE_MS, this.settings.DELIVERY_MAX_ATTEMPTS],
      );
    const byId = new Map(
      rows.map(({ evType, evPayload, evCreatedAt, ...claimed }): [string, ClaimedDelivery] => [
        claimed.id,
        { ...claimed, event: evType === null ? null : { type: evType, payload: evPayload, createdAt: evCreatedAt } },
      ]),
    );
    return ids.map((id) => {
      const claimed = byId.get(id) ?? null;
      byId.delete(id);
      return claimed;
    });
  }

  /**
   * Marks many claimed rows sent in one statement (the email workers' batch); answers each row's `sent_at` by id
   * (a row whose claim was lost meanwhile is absent). The delivery latency is worked out by the caller from the
   * event's time it claimed with the row: no lookup of the event per row here.
   */
  async markSentMany(ds: { id: string; attempt: number }[]): Promise<Map<string, Date>> {
    const rows = returnedRows<{ id: string; sentAt: Date }>(
      await this.dataSource.query(
        `UPDATE notification_deliveries d
            SET status = 'sent', sent_at = now(), last_error = NULL, updated_at = now()
           FROM unnest($1::uuid[], $2::int[]) AS s(id, attempt)
          WHERE d.id = s.id AND d.status = 'sending' AND d.attempts = s.attempt
          RETURNING d.id, d.sent_at AS "sentAt"`,
        [ds.map((d) => d.id), ds.map((d) => d.attempt)],
      ),
    );
    return new Map(rows.map((r) => [r.id, r.sentAt]));
  }

  /** Marks the attempt delivered; returns the seconds from the event to now (the delivery latency). */
  async markSent(
    d: ClaimedDelivery,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number | null> {
    const rows = returnedRows<{ sentAt: Date }>(
      await manager.query(
        `UPDATE notification_deliveries
            SET status = 'sent', sent_at = now(), last_error = NULL, updated_at = now()
          WHERE id = $1 AND status = 'sending' AND attempts = $2
          RETURNING sent_at AS "sentAt"`,
        [d.id, d.attempt],
      ),
    );
    return rows[0] ? deliveryLatency(d, rows[0].sentAt) : null;
  }

  /**
   * Records a failed attempt: `failed` with its next attempt after `retryInMs`, or `dead` when the failure is
   * permanent or the attempts are used up. Returns the new status (null if the claim was lost meanwhile).
   */
  async markFailed(
    d: ClaimedDelivery,
    error: string,
    retryInMs: number,
    permanent: boolean,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DeliveryStatus | null> {
    const rows = returnedRows<{ status: DeliveryStatus }>(
      await manager.query(
        `UPDATE notification_deliveries
            SET status = CASE WHEN $3::boolean OR attempts >= $4 THEN 'dead' ELSE 'failed' END,
                last_error = left($5, 1000), updated_at = now(),
                next_attempt_at = now() + make_interval(secs => $6::float8 / 1000)
          WHERE id = $1 AND status = 'sending' AND attempts = $2
          RETURNING status`,
        [d.id, d.attempt, permanent, this.settings.DELIVERY_MAX_ATTEMPTS, error, retryInMs],
      ),
    );
    return rows[0]?.status ?? null;
  }

  /**
   * The safety net: rows that are due but have no job (Redis or the worker was down, a job was lost, a worker
   * died holding a lease) go back to the queue. Claimed with SKIP LOCKED so several workers can sweep, and
   * stamped so the same row is re-enqueued at most once per grace period. Enqueueing runs inside the transaction:
   * if Redis refuses, nothing is stamped and the next sweep tries again.
   */
  async sweep(enqueue: (rows: DeliveryRef[]) => Promise<void>): Promise<{ requeued: number; dead: number }> {
    const s = this.settings;
    const dead = returnedRows<unknown>(
      await this.dataSource.query(
        `UPDATE notification_deliveries
            SET status = 'dead', updated_at = now(),
                last_error = coalesce(last_error || '; ', '') || 'the worker stopped during the last attempt'
          WHERE status = 'sending' AND next_attempt_at <= now() AND attempts >= $1
          RETURNING id`,
        [s.DELIVERY_MAX_ATTEMPTS],
      ),
    ).length;
    const requeued = await this.dataSource.transaction(async (manager) => {
      const rows: DeliveryRef[] = await manager.query(
        `SELECT id, channel, attempts FROM notification_deliveries
          WHERE status IN ('pending', 'failed', 'sending')
            AND next_attempt_at <= now() - make_interval(secs => $1::float8 / 1000)
          ORDER BY next_attempt_at
          LIMIT $2
          FOR UPDATE SKIP LOCKED`,
        [s.DELIVERY_SWEEP_GRACE_MS, s.DELIVERY_SWEEP_BATCH],
      );
      if (rows.length === 0) return 0;
      await manager.query(
        `UPDATE notification_deliveries SET next_attempt_at = now() WHERE id = ANY ($1::uuid[])`,
        [rows.map((r) => r.id)],
      );
      await enqueue(rows);
      return rows.length;
    });
    return { requeued, dead };
  }
}

/** Seconds from the delivery's event to its `sent_at` (both PostgreSQL's clock); null when the event is gone. */
export function deliveryLatency(d: ClaimedDelivery, sentAt: Date): number | null {
  return d.event ? (sentAt.getTime() - new Date(d.event.createdAt).getTime()) / 1000 : null;
}
