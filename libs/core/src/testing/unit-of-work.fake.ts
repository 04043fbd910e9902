import type { AuditInput } from '../audit/audit.service';
import type { AuditOrigin } from '../audit/audit.service';
import type { StatementResult, Tx, UnitOfWork } from '../database/unit-of-work';
import type { DomainEvent } from '../outbox/outbox.service';
import { FAKE_MANAGER } from './fake';
import type { InMemoryDb } from './store';

/** The origin a fake one-statement operation records (a request by nobody in particular). */
export const FAKE_ORIGIN: AuditOrigin = {
  actorId: null,
  actorKind: 'system',
  actorRole: null,
  ip: null,
  userAgent: null,
  requestId: null,
};

/**
 * The unit of work over the in-memory database: a transaction works on the live tables and is undone from a
 * snapshot when it throws or breaks a CHECK constraint; its audit rows and outbox events are rows of the
 * in-memory tables too (`auditLog`, `outbox`), so they are kept only if it commits, as the real one writes them
 * in the same transaction. A one-statement operation (`statement`) is atomic the same way; its fake repository
 * method writes its own audit row and event, as the SQL function does.
 */
export class FakeUnitOfWork implements Pick<UnitOfWork, 'run' | 'statement'> {
  /** Event ids handed to the queue after a one-statement operation. */
  readonly relayed: string[] = [];
  private depth = 0;

  constructor(private readonly db: InMemoryDb) {}

  /** The committed audit rows, in order. */
  get audits(): AuditInput[] {
    return this.db.t.auditLog;
  }

  /** The committed events, in order. */
  get events(): DomainEvent[] {
    return this.db.t.outbox;
  }

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.atomically(() =>
      work({
        manager: FAKE_MANAGER,
        audit: async (input) => {
          this.db.t.auditLog.push(structuredClone(input));
        },
        emit: async (event) => {
          this.db.t.outbox.push(structuredClone(event));
        },
      }),
    );
  }

  async statement<T>(work: (origin: AuditOrigin) => Promise<StatementResult<T>>): Promise<T> {
    const { result, eventIds } = await this.atomically(() => work(FAKE_ORIGIN));
    this.relayed.push(...eventIds);
    return result;
  }

  private async atomically<T>(work: () => Promise<T>): Promise<T> {
    if (this.depth > 0) throw new Error('nested unit of work: the real one would open a second transaction');
    const before = this.db.snapshot();
    this.depth += 1;
    try {
      const result = await work();
      const broken = this.db.violations();
      if (broken.length > 0) throw new Error(`check constraint violated: ${broken.join('; ')}`);
      return result;
    } catch (e) {
      this.db.restore(before);
      throw e;
    } finally {
      this.depth -= 1;
    }
  }

  /** The committed events' types, in order. */
  eventTypes(): string[] {
    return this.events.map((e) => e.type);
  }

  auditActions(): string[] {
    return this.audits.map((a) => a.action);
  }
}
