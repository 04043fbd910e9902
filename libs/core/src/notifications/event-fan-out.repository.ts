import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEvent } from '../outbox/outbox-event.entity';
import { Audience, EventParties, NO_PARTIES } from './event-routing';
import { NotificationText } from './notification-texts';
import type { DeliveryRef } from './delivery-jobs';
import { isUuid } from '../common/uuid';

/**
 * Active users an event reaches, as one set: staff, the concerned collaborator's members, the routed aggregator's
 * members, the requester. Parameters $1..$4 of every statement below.
 */
const RECIPIENTS_CTE = `
  recipients AS (
    SELECT u.id, u.email, u.language FROM users u
     WHERE u.active AND (
           ($1::boolean AND u.role IN ('operator', 'admin'))
        OR ($2::uuid IS NOT NULL AND u.collaborator_id = $2::uuid)
        OR ($3::uuid IS NOT NULL AND u.aggregator_id = $3::uuid)
        OR ($4::uuid IS NOT NULL AND u.id = $4::uuid)))`;

/** The SQL of event fan-out: who an event concerns, and its in-app, email and webhook rows. */
@Injectable()
export class EventFanOutRepository {
  async lockEvent(manager: EntityManager, outboxId: string): Promise<OutboxEvent | null> {
    return manager
      .getRepository(OutboxEvent)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id = :id', { id: outboxId })
      .getOne();
  }

  /** The collaborator and aggregator an event concerns, read from its aggregate's current rows. */
  async parties(manager: EntityManager, event: OutboxEvent): Promise<EventParties> {
    const id = event.aggregateId;
    if (!isUuid(id)) return NO_PARTIES;
    const sql: Record<string, string> = {
      collaborator: `SELECT id AS "collaboratorId", NULL::uuid AS "aggregatorId" FROM collaborators WHERE id = $1`,
      commitment: `SELECT collaborator_id AS "collaboratorId", aggregator_id AS "aggregatorId" FROM commitments WHERE id = $1`,
      allocation: `SELECT c.collaborator_id AS "collaboratorId", c.aggregator_id AS "aggregatorId"
                     FROM allocations a JOIN commitments c ON c.id = a.commitment_id WHERE a.id = $1`,
      handover: `SELECT c.collaborator_id AS "collaboratorId", coalesce(h.aggregator_id, c.aggregator_id) AS "aggregatorId"
                   FROM handovers h JOIN commitments c ON c.id = h.commitment_id WHERE h.id = $1`,
      report_run: `SELECT NULL::uuid AS "collaboratorId", NULL::uuid AS "aggregatorId", s.created_by AS "requesterId"
                     FROM report_runs r JOIN report_schedules s ON s.id = r.schedule_id WHERE r.id = $1`,
      user: `SELECT NULL::uuid AS "collaboratorId", NULL::uuid AS "aggregatorId", id AS "requesterId" FROM users WHERE id = $1`,
    };
    const query = sql[event.aggregateType];
    if (!query) return NO_PARTIES;
    const [row] = (await manager.query(query, [id])) as Partial<EventParties>[];
    return {
      collaboratorId: row?.collaboratorId ?? null,
      aggregatorId: row?.aggregatorId ?? null,
      requesterId: row?.requesterId ?? null,
    };
  }

  /** One in-app notification per recipient, in the recipient's language; returns how many were new. */
  async insertInApp(
    manager: EntityManager,
    event: OutboxEvent,
    who: WhoParams,
    texts: Record<'id' | 'en', NotificationText>,
  ): Promise<number> {
    const rows: unknown[] = await manager.query(
      `WITH ${RECIPIENTS_CTE}
       INSERT INTO notifications (user_id, event_id, type, title, body, data)
       SELECT r.id, $5::uuid, $6::varchar,
              CASE WHEN r.language = 'en' THEN $7 ELSE $8 END,
              CASE WHEN r.language = 'en' THEN $9 ELSE $10 END,
              $11::jsonb
         FROM recipients r
       ON CONFLICT (event_id, user_id) DO NOTHING
       RETURNING id`,
      [
        ...whoParams(who),
        event.eventId,
        event.type,
        texts.en.title,
        texts.id.title,
        texts.en.lines.join('\n'),
        texts.id.lines.join('\n'),
        { aggregateType: event.aggregateType, aggregateId: event.aggregateId },
      ],
    );
    return rows.length;
  }

  /** One email delivery per distinct address; the unique (event, channel, recipient) row makes it once only. */
  async insertEmails(manager: EntityManager, event: OutboxEvent, who: WhoParams): Promise<number> {
    const rows: unknown[] = await manager.query(
      `WITH ${RECIPIENTS_CTE}
       INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, user_id, language)
       SELECT DISTINCT ON (r.email) $5::uuid, $6::varchar, 'email', r.email, r.id, CASE WHEN r.language = 'en' THEN 'en' ELSE 'id' END
         FROM recipients r
        ORDER BY r.email, r.id
       ON CONFLICT (event_id, channel, recipient) DO NOTHING
       RETURNING id`,
      [...whoParams(who), event.eventId, event.type],
    );
    return rows.length;
  }

  /**
   * One webhook delivery per active subscription to this event type: every operator-owned subscription, and
   * the routed aggregator's own subscriptions (only for events about its commitments).
   */
  async insertWebhookDeliveries(
    manager: EntityManager,
    event: OutboxEvent,
    aggregatorId: string | null,
  ): Promise<number> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, webhook_id)
       SELECT $1::uuid, $2::varchar, 'webhook', w.id::text, w.id
         FROM webhooks w
        WHERE w.active AND $2::varchar = ANY (w.events) AND (w.aggregator_id IS NULL OR w.aggregator_id = $3::uuid)
       ON CONFLICT (event_id, channel, recipient) DO NOTHING
       RETURNING id`,
      [event.eventId, event.type, aggregatorId],
    );
    return rows.length;
  }

  async markPublished(manager: EntityManager, outboxId: string): Promise<void> {
    await manager.query(
      `UPDATE outbox_events SET published_at = coalesce(published_at, now()) WHERE id = $1`,
      [outboxId],
    );
  }

  /** Rows of an event still waiting for their first job (also those a previous run committed but never enqueued). */
  async pendingOf(
    manager: EntityManager,
    eventId: string,
  ): Promise<DeliveryRef[]> {
    return manager.query(
      `SELECT id, channel, attempts FROM notification_deliveries WHERE event_id = $1 AND status = 'pending' ORDER BY created_at`,
      [eventId],
    );
  }
}

export interface WhoParams {
  audience: Audience;
  parties: EventParties;
}

function whoParams({ audience, parties }: WhoParams): unknown[] {
  return [
    audience.operators,
    audience.collaboratorMembers ? parties.collaboratorId : null,
    audience.aggregatorMembers ? parties.aggregatorId : null,
    audience.requester ? parties.requesterId : null,
  ];
}
