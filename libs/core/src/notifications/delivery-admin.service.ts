import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../common/domain-errors';
import { UnitOfWork } from '../database/unit-of-work';
import { Page, pageOf, PageRequest, resolveSort } from '../common/pagination';
import { DeliveryJobs } from './delivery-jobs';
import { DeliveryFilter, DeliveryLogRepository, DeliveryView } from './delivery-log.repository';

const SORTABLE = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  nextAttemptAt: 'next_attempt_at',
  attempts: 'attempts',
};

/** The operators' outbox: every delivery with its state, and retry by hand. */
@Injectable()
export class DeliveryAdminService {
  constructor(
    private readonly log: DeliveryLogRepository,
    private readonly jobs: DeliveryJobs,
    private readonly uow: UnitOfWork,
  ) {}

  async list(filter: DeliveryFilter, page: PageRequest): Promise<Page<DeliveryView>> {
    const order = resolveSort(page.sort, SORTABLE, { column: 'created_at', direction: 'DESC' });
    const { rows, total } = await this.log.list(filter, page, order);
    return pageOf(rows, total, page);
  }

  /**
   * A failed or dead delivery goes back to `pending` and its job is enqueued. If Redis is away the answer is
   * the same: the row is due and the worker's sweep will send it.
   */
  async retry(id: string, webhookId: string | null = null): Promise<DeliveryView> {
    // the requeue and its audit entry commit together: a retry by hand is always on the record
    const found = await this.uow.run(async (tx) => {
      const result = await this.log.requeue(id, webhookId, tx.manager);
      if (result?.requeued) {
        await tx.audit({
          action: 'notification.retried',
          entity: 'notification',
          entityId: id,
          after: { status: result.row.status, channel: result.row.channel },
        });
      }
      return result;
    });
    if (!found) throw new NotFoundError('delivery', id);
    if (!found.requeued) {
      throw new ConflictError(
        found.row.status === 'sent'
          ? 'the delivery was already sent; it is never sent twice'
          : 'an attempt of this delivery is in progress; wait for its outcome',
      );
    }
    const { id: rowId, channel, attempts } = found.row;
    await this.jobs.enqueue([{ id: rowId, channel, attempts }], undefined, true);
    return found.row;
  }
}
