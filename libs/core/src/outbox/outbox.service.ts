import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EnqueueOptions, JOB_QUEUE_TOKEN, JobName, JobQueue } from '@ksbb/jobs';
import { RequestContext } from '../common/request-context';
import { OutboxRepository } from './outbox.repository';

export interface DomainEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload?: Record<string, unknown>;
}

/**
 * One dispatch job per event waits or runs at a time. The sweep relays every event still unpublished after a few
 * seconds, which after a Redis outage is the whole backlog, sweep after sweep; without this each sweep would queue it
 * all again and the worker would spend its time locking events that were already dispatched.
 */
export const dispatchJobOptions = (outboxId: string): EnqueueOptions => ({ dedupeKey: `outbox:${outboxId}` });

/** How long the after-commit hand-off to the queue may take before the periodic sweep is left to do it. */
const RELAY_TIMEOUT_MS = 500;

@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    private readonly outbox: OutboxRepository,
    @Inject(JOB_QUEUE_TOKEN) private readonly jobs: JobQueue,
  ) {}

  /** Writes the event in the caller's transaction; returns the outbox row id. */
  async emit(manager: EntityManager, event: DomainEvent): Promise<string> {
    const actorId = RequestContext.current()?.principal?.id ?? null;
    return this.outbox.insert(manager, {
      type: event.type,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      payload: event.payload ?? {},
      actorId,
    });
  }

  /**
   * Hands committed events to the queue. Never throws and never waits long: if Redis is away the rows stay
   * unpublished and the worker's sweep relays them later.
   */
  relayAfterCommit(outboxIds: string[]): void {
    if (outboxIds.length === 0) return;
    const hand = this.jobs.enqueueMany(
      outboxIds.map((id) => ({ name: JobName.DispatchEvent, data: { outboxId: id } }) as const),
      outboxIds.map(dispatchJobOptions),
    );
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), RELAY_TIMEOUT_MS).unref());
    Promise.race([hand, timeout])
      .then((r) => r === 'timeout' && this.logger.warn(`outbox relay slow; ${outboxIds.length} event(s) left to the sweep`))
      .catch(() => this.logger.warn(`queue unavailable; ${outboxIds.length} event(s) left to the sweep`));
  }
}
