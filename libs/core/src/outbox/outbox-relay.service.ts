import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOB_QUEUE_TOKEN, JobName, JobQueue } from '@ksbb/jobs';
import { OutboxRepository } from './outbox.repository';
import { dispatchJobOptions } from './outbox.service';

/**
 * The periodic sweep: re-enqueues events that were committed but not yet dispatched (e.g. Redis was down when
 * they were written). Rows are claimed with FOR UPDATE SKIP LOCKED so several relays can run at once.
 */
@Injectable()
export class OutboxRelay {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    @Inject(JOB_QUEUE_TOKEN) private readonly jobs: JobQueue,
  ) {}

  async sweep(olderThanMs = 2000, batch = 500): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const ids = await this.outbox.claimUnpublished(manager, olderThanMs, batch);
      if (ids.length === 0) return 0;
      await this.jobs.enqueueMany(
        ids.map((id) => ({ name: JobName.DispatchEvent, data: { outboxId: String(id) } })),
        ids.map((id) => dispatchJobOptions(String(id))),
      );
      await this.outbox.countRelayAttempt(manager, ids);
      return ids.length;
    });
  }
}
