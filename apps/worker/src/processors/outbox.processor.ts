import { Injectable } from '@nestjs/common';
import { EventDispatcher } from '@ksbb/core';
import { JobName, QueueName } from '@ksbb/jobs';
import { DEDUPLICATED_STALL_MS, JobHandlers, JobSchedule, QueueProcessor } from './queue-processor';

/** Fans outbox events out to their recipients. Redelivery is harmless: the dispatcher is idempotent. */
@Injectable()
export class OutboxProcessor implements QueueProcessor {
  readonly queue = QueueName.Outbox;
  readonly concurrency = 8;
  /** short: a dead worker's dispatch jobs hold their deduplication keys until found (see QueueProcessor) */
  readonly stallAfterMs = DEDUPLICATED_STALL_MS;
  readonly schedules: readonly JobSchedule[] = [];
  readonly handlers: JobHandlers = {
    [JobName.DispatchEvent]: ({ outboxId }) => this.dispatcher.dispatch(outboxId),
  };

  constructor(private readonly dispatcher: EventDispatcher) {}
}
