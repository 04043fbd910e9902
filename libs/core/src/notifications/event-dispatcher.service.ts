import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxEvent } from '../outbox/outbox-event.entity';

interface Recipient {
  userId: string;
  language: string;
}

interface Message {
  title: string;
  body: string;
}

/** Bahasa Indonesia and English texts per event; unknown events get a generic line. */
const TEXTS: Record<string, Record<'id' | 'en', (p: Record<string, unknown>) => Message>> = {
  'collaborator.registered': {
    id: () => ({ title: 'Kolaborator baru menunggu verifikasi', body: 'Seorang kolaborator baru mendaftar dan menunggu verifikasi Pokja.' }),
    en: () => ({ title: 'New collaborator awaiting verification', body: 'A new collaborator registered and awaits Pokja verification.' }),
  },
};

/**
 * Turns one outbox event into in-app notifications for its recipients. Idempotent: a unique (event, user) row
 * decides "already notified", so a redelivered job changes nothing.
 */
@Injectable()
export class EventDispatcher {
  private readonly logger = new Logger(EventDispatcher.name);

  constructor(private readonly dataSource: DataSource) {}

  async dispatch(outboxId: string): Promise<{ notified: number } | null> {
    return this.dataSource.transaction(async (manager) => {
      const event = await manager
        .getRepository(OutboxEvent)
        .createQueryBuilder('e')
        .setLock('pessimistic_write')
        .where('e.id = :id', { id: outboxId })
        .getOne();
      if (!event) return null;
      const recipients = await this.recipients(manager, event);
      let notified = 0;
      for (const r of recipients) {
        const lang = r.language === 'en' ? 'en' : 'id';
        const texts = TEXTS[event.type]?.[lang]?.(event.payload) ?? { title: event.type, body: '' };
        const [, affected] = await manager.query(
          `INSERT INTO notifications (user_id, event_id, type, title, body, data) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (event_id, user_id) DO NOTHING RETURNING id`,
          [r.userId, event.eventId, event.type, texts.title, texts.body, { aggregateType: event.aggregateType, aggregateId: event.aggregateId }],
        ).then((rows: unknown[]) => [rows, rows.length]);
        notified += affected as number;
      }
      await manager.query(`UPDATE outbox_events SET published_at = coalesce(published_at, now()) WHERE id = $1`, [outboxId]);
      if (notified) this.logger.log(`event ${event.type} #${outboxId}: ${notified} notification(s)`);
      return { notified };
    });
  }

  private async recipients(manager: EntityManager, event: OutboxEvent): Promise<Recipient[]> {
    switch (event.type) {
      case 'collaborator.registered':
        return manager.query(`SELECT id AS "userId", language FROM users WHERE role IN ('operator', 'admin') AND active`);
      default:
        return [];
    }
  }
}
