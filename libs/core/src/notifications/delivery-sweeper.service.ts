import { Inject, Injectable } from '@nestjs/common';
import { JOB_QUEUE_TOKEN, JobQueue } from '@ksbb/jobs';
import { deliveryDedupeKey, deliveryJob } from './delivery-jobs';
import { DeliveryStateRepository } from './delivery-state.repository';

/** The scheduled safety net of deliveries: nothing stays pending because a job was lost or a worker died. */
@Injectable()
export class DeliverySweeper {
  constructor(
    private readonly state: DeliveryStateRepository,
    @Inject(JOB_QUEUE_TOKEN) private readonly jobs: JobQueue,
  ) {}

  sweep(): Promise<{ requeued: number; dead: number }> {
    // Throws when Redis refuses, which rolls the stamping back: the rows stay due for the next sweep.
    return this.state.sweep((rows) =>
      this.jobs.enqueueMany(
        rows.map(deliveryJob),
        rows.map((r) => ({ dedupeKey: deliveryDedupeKey(r) })),
      ),
    );
  }
}
