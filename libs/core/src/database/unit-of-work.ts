import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditInput, AuditService } from '../audit/audit.service';
import { DomainEvent, OutboxService } from '../outbox/outbox.service';

/** What a business transaction can do besides its own queries: audit and emit events, atomically with them. */
export interface Tx {
  manager: EntityManager;
  audit(input: AuditInput): Promise<void>;
  emit(event: DomainEvent): Promise<void>;
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
}
