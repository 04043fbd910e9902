import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeliveryJobs, DeliveryRef } from './delivery-jobs';
import { ReportMailRepository } from './report-mail.repository';

/**
 * Scheduled reports by email: the run writes one email delivery per recipient in its own transaction (`queue`), and
 * hands them to the queue after commit (`enqueue`, best effort: the delivery sweep finds any row left pending).
 * The email attaches the run's stored file at send time; the deliveries show in the operators' outbox.
 */
@Injectable()
export class ReportMails {
  constructor(
    private readonly repository: ReportMailRepository,
    private readonly jobs: DeliveryJobs,
  ) {}

  /** In the run's transaction, after its `report.ready` event: the deliveries created now (none on a repeat). */
  queue(manager: EntityManager, runId: string, recipients: string[]): Promise<DeliveryRef[]> {
    return this.repository.insertForRun(manager, runId, recipients);
  }

  async enqueue(deliveries: DeliveryRef[]): Promise<void> {
    await this.jobs.enqueue(deliveries);
  }
}
