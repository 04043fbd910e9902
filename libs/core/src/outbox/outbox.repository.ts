import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface NewOutboxEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  actorId: string | null;
}

/** The outbox table: events are written in the business transaction and relayed to the queues after it. */
@Injectable()
export class OutboxRepository {
  /** Writes the event in the caller's transaction; returns the outbox row id. */
  async insert(manager: EntityManager, event: NewOutboxEvent): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, actor_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [event.type, event.aggregateType, event.aggregateId, event.payload, event.actorId],
    );
    return String(rows[0].id);
  }

  /**
   * Locks up to `batch` unpublished events older than `olderThanMs` for the caller's transaction, skipping rows
   * another relay holds; returns their ids, oldest first.
   */
  async claimUnpublished(manager: EntityManager, olderThanMs: number, batch: number): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM outbox_events
          WHERE published_at IS NULL AND created_at < now() - make_interval(secs => $1::float8 / 1000)
          ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [olderThanMs, batch],
    );
    return rows.map((r) => r.id);
  }

  async countRelayAttempt(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(`UPDATE outbox_events SET relay_attempts = relay_attempts + 1 WHERE id = ANY($1)`, [
      ids,
    ]);
  }
}
