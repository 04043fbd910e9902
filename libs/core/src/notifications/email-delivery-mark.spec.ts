import type { AppConfig } from '../config/config';
import type { FileStorage } from '../storage/file-storage';
import type { DeliveryJobs } from './delivery-jobs';
import { loadDeliverySettings } from './delivery-settings';
import type { ClaimedDelivery, DeliveryStateRepository } from './delivery-state.repository';
import { EmailDeliveryService } from './email-delivery.service';
import type { OutgoingMail } from './mail-transport';
import { fakeMailTransport } from '../testing/mail-transport.fake';

const row: ClaimedDelivery = {
  id: '11111111-1111-4111-8111-111111111111',
  eventId: '22222222-2222-4222-8222-222222222222',
  eventType: 'allocation.created',
  channel: 'email',
  recipient: 'donatur@example.org',
  webhookId: null,
  language: 'id',
  attempt: 1,
  reportRunId: null,
  reportStorageKey: null,
  event: { type: 'allocation.created', createdAt: new Date(), payload: {} },
};

/** The service whose sent marks fail with `failures` (in order) before one lands. */
function harness(failures: unknown[], env: Record<string, string> = {}) {
  const sent: OutgoingMail[] = [];
  let marks = 0;
  const failed: string[] = [];
  const state = {
    claim: async () => row,
    claimMany: async (ids: string[]) => ids.map(() => row),
    markSent: async () => {
      marks++;
      const failure = failures.shift();
      if (failure) throw failure;
      return 0.1;
    },
    markSentMany: async (rows: { id: string }[]) => {
      marks++;
      const failure = failures.shift();
      if (failure) throw failure;
      return new Map(rows.map((r) => [r.id, new Date()]));
    },
    markFailed: async (_: ClaimedDelivery, error: string) => {
      failed.push(error);
      return 'failed';
    },
  } as unknown as DeliveryStateRepository;
  const transport = fakeMailTransport(sent);
  const jobs = { enqueue: async () => true } as unknown as DeliveryJobs;
  const service = new EmailDeliveryService(state, transport, jobs, loadDeliverySettings(env), {} as FileStorage, {} as AppConfig);
  return { service, sent, failed, marks: () => marks };
}

/** What node-postgres throws when PgBouncer or PostgreSQL goes away under a pooled connection. */
const cut = (): Error => new Error('Connection terminated unexpectedly');
const refused = (): Error => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6432'), { code: 'ECONNREFUSED' });
const shuttingDown = (): Error =>
  Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

describe('EmailDeliveryService: the sent mark after the database went away', () => {
  it.each([
    ['single marks', { DELIVERY_MARK_BATCH: '1' }],
    ['batched marks', {}],
  ])('marks the row on a fresh connection instead of leaving it to be sent again (%s)', async (_, env) => {
    const { service, sent, failed, marks } = harness([cut(), refused(), shuttingDown()], env);
    expect(await service.send('x')).toMatchObject({ status: 'sent' });
    expect(sent).toHaveLength(1);
    expect(marks()).toBe(4);
    expect(failed).toEqual([]);
  });

  it('does not retry a mark the database refused for its own reasons', async () => {
    const broken = Object.assign(new Error('value too long'), { code: '22001' });
    const { service, sent, marks } = harness([broken, broken]);
    await expect(service.send('x')).rejects.toThrow('value too long');
    expect(sent).toHaveLength(1);
    expect(marks()).toBe(1);
  });

  it("stops trying once the next try would fall after the claim's lease (another worker may hold the row by then)", async () => {
    // The shortest lease (100 ms) equals the first wait: the first failure is the last.
    const { service, marks } = harness([cut(), cut()], { DELIVERY_LEASE_MS: '100' });
    await expect(service.send('x')).rejects.toThrow('Connection terminated unexpectedly');
    expect(marks()).toBe(1);
  });
});
