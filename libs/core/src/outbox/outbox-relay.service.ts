import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOB_QUEUE_TOKEN, JobName, JobQueue } from '@ksbb/jobs';

/**
 * The periodic sweep: re-enqueues events that were committed but not yet dispatched (e.g. Redis was down when
 * they were written). Rows are claimed with FOR UPDATE SKIP LOCKED so several relays can run at once.
 */
@Injectable()
export class OutboxRelay {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(JOB_QUEUE_TOKEN) private readonly jobs: JobQueue,
  ) {}

  async sweep(olderThanMs = 2000, batch = 500): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string }[] = await manager.query(
        `SELECT id FROM outbox_events
          WHERE published_at IS NULL AND created_at < now() - make_interval(secs => $1::float8 / 1000)
          ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [olderThanMs, batch],
      );
      if (rows.length === 0) return 0;
      await this.jobs.enqueueMany(rows.map((r) => ({ name: JobName.DispatchEvent, data: { outboxId: String(r.id) } })));
      await manager.query(`UPDATE outbox_events SET relay_attempts = relay_attempts + 1 WHERE id = ANY($1)`, [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }
}
