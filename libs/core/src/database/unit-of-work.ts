import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditInput, AuditOrigin, auditOrigin, AuditService } from '../audit/audit.service';
import { DomainEvent, OutboxService } from '../outbox/outbox.service';

/** What a business transaction can do besides its own queries: audit and emit events, atomically with them. */
export interface Tx {
  manager: EntityManager;
  audit(input: AuditInput): Promise<void>;
  emit(event: DomainEvent): Promise<void>;
}

/** What a one-statement operation answers: its result and the outbox events it wrote, to relay after it. */
export interface StatementResult<T> {
  result: T;
  eventIds: string[];
}

/**
 * Runs a business operation in one transaction with its audit rows and outbox events; after commit, hands the
 * events to the queue (best effort; the outbox sweep guarantees delivery).
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditService: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const emitted: string[] = [];
    const result = await this.dataSource.transaction(async (manager) =>
      work({
        manager,
        audit: (input) => this.auditService.record(manager, input),
        emit: async (event) => {
          emitted.push(await this.outbox.emit(manager, event));
        },
      }),
    );
    this.outbox.relayAfterCommit(emitted);
    return result;
  }

  /**
   * Runs a business operation that is a single SQL statement (atomic on its own: one round trip, no BEGIN/COMMIT)
   * writing its own audit rows and outbox events with `origin` (the same actor and origin `tx.audit` and
   * `tx.emit` record); after it, hands its events to the queue as `run` does after commit.
   */
  async statement<T>(work: (origin: AuditOrigin) => Promise<StatementResult<T>>): Promise<T> {
    const { result, eventIds } = await work(auditOrigin());
    this.outbox.relayAfterCommit(eventIds);
    return result;
  }
}
