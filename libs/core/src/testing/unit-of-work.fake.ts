import type { AuditInput } from '../audit/audit.service';
import type { Tx, UnitOfWork } from '../database/unit-of-work';
import type { DomainEvent } from '../outbox/outbox.service';
import { FAKE_MANAGER } from './fake';
import type { InMemoryDb } from './store';

/**
 * The unit of work over the in-memory database: a transaction works on the live tables and is undone from a
 * snapshot when it throws or breaks a CHECK constraint; its audit rows and outbox events are kept only if it
 * commits, as the real one writes them in the same transaction.
 */
export class FakeUnitOfWork implements Pick<UnitOfWork, 'run'> {
  readonly audits: AuditInput[] = [];
  readonly events: DomainEvent[] = [];
  private depth = 0;

  constructor(private readonly db: InMemoryDb) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.depth > 0) throw new Error('nested unit of work: the real one would open a second transaction');
    const before = this.db.snapshot();
    const audits: AuditInput[] = [];
    const events: DomainEvent[] = [];
    this.depth += 1;
    try {
      const result = await work({
        manager: FAKE_MANAGER,
        audit: async (input) => {
          audits.push(structuredClone(input));
        },
        emit: async (event) => {
          events.push(structuredClone(event));
        },
      });
      const broken = this.db.violations();
      if (broken.length > 0) throw new Error(`check constraint violated: ${broken.join('; ')}`);
      this.audits.push(...audits);
      this.events.push(...events);
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
