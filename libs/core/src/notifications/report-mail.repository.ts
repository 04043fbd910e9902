import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeliveryRef } from './delivery-jobs';

/**
 * The email deliveries of scheduled report runs: one per (run, recipient), guarded by the unique
 * `uq_notification_deliveries_report_run`, so a retried, re-run or taken-over run never mails anyone twice.
 */
@Injectable()
export class ReportMailRepository {
  /**
   * Inserts one pending email delivery per recipient for the run, carried by the run's latest `report.ready` event
   * (written in the same transaction); the recipient's language is their account's when they have one. Returns the
   * rows this call created (none when the run's recipients were already mailed).
   */
  async insertForRun(manager: EntityManager, runId: string, recipients: string[]): Promise<DeliveryRef[]> {
    if (recipients.length === 0) return [];
    return manager.query(
      `WITH ev AS (
         SELECT event_id, type FROM outbox_events
          WHERE aggregate_type = 'report_run' AND aggregate_id = $1::text AND type = 'report.ready'
          ORDER BY id DESC LIMIT 1)
       INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, user_id, language, report_run_id)
       SELECT ev.event_id, ev.type, 'email', r.addr, u.id, CASE WHEN u.language = 'en' THEN 'en' ELSE 'id' END, $1::uuid
         FROM ev
        CROSS JOIN (SELECT DISTINCT lower(btrim(a)) AS addr FROM unnest($2::text[]) AS a) r
         LEFT JOIN LATERAL (SELECT id, language FROM users WHERE lower(email) = r.addr ORDER BY created_at LIMIT 1) u ON true
        WHERE r.addr <> ''
       ON CONFLICT DO NOTHING
       RETURNING id, channel, attempts`,
      [runId, recipients],
    );
  }
}
