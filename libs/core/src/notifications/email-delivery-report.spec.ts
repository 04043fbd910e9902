import type { AppConfig } from '../config/config';
import type { FileStorage } from '../storage/file-storage';
import type { DeliveryJobs } from './delivery-jobs';
import { loadDeliverySettings } from './delivery-settings';
import type { ClaimedDelivery, DeliveryStateRepository } from './delivery-state.repository';
import { EmailDeliveryService } from './email-delivery.service';
import type { OutgoingMail } from './mail-transport';
import { fakeMailTransport } from '../testing/mail-transport.fake';

const claimed = (over: Partial<ClaimedDelivery> = {}): ClaimedDelivery => ({
  id: '11111111-1111-4111-8111-111111111111',
  eventId: '22222222-2222-4222-8222-222222222222',
  eventType: 'report.ready',
  channel: 'email',
  recipient: 'pimpinan@jakarta.go.id',
  webhookId: null,
  language: 'id',
  attempt: 1,
  reportRunId: '33333333-3333-4333-8333-333333333333',
  reportStorageKey: 'reports/44444444-4444-4444-8444-444444444444',
  event: {
    type: 'report.ready',
    createdAt: new Date(),
    payload: {
      name: 'Ringkasan pimpinan',
      fileName: 'ksbb-summary-all-2026-12-03.csv',
      contentType: 'text/csv; charset=utf-8',
      fileUrl: 'https://ksbb.example/api/v1/report-runs/33333333-3333-4333-8333-333333333333/file',
    },
  },
  ...over,
});

/** The service with its collaborators faked: what it sends, and how it marks the row. */
function harness(row: ClaimedDelivery, file: Buffer | Error) {
  const sent: OutgoingMail[] = [];
  const marks: { status: string; permanent?: boolean; error?: string }[] = [];
  const state = {
    claim: async () => row,
    // the email worker's claims are coalesced (DELIVERY_CLAIM_BATCH)
    claimMany: async (ids: string[]) => ids.map(() => row),
    markSent: async () => {
      marks.push({ status: 'sent' });
      return 0.1;
    },
    // sent rows are marked in batches (DELIVERY_MARK_BATCH): each one counts as a 'sent' mark
    markSentMany: async (rows: { id: string }[]) => {
      for (const _ of rows) marks.push({ status: 'sent' });
      return new Map(rows.map((r) => [r.id, new Date()]));
    },
    markFailed: async (_: ClaimedDelivery, error: string, _delay: number, permanent: boolean) => {
      marks.push({ status: permanent ? 'dead' : 'failed', permanent, error });
      return permanent ? 'dead' : 'failed';
    },
  } as unknown as DeliveryStateRepository;
  const transport = fakeMailTransport(sent);
  const jobs = { enqueue: async () => true } as unknown as DeliveryJobs;
  const storage = {
    get: async () => {
      if (file instanceof Error) throw file;
      return file;
    },
  } as unknown as FileStorage;
  const service = new EmailDeliveryService(state, transport, jobs, loadDeliverySettings({}), storage, {} as AppConfig);
  return { service, sent, marks };
}

describe('EmailDeliveryService: scheduled report emails', () => {
  it("attaches the run's stored file and says so in the message", async () => {
    const csv = Buffer.from('\uFEFFIndikator,Nilai\r\n');
    const { service, sent, marks } = harness(claimed(), csv);
    expect(await service.send('x')).toMatchObject({ status: 'sent' });
    expect(sent).toHaveLength(1);
    expect(sent[0].attachments).toEqual([
      { filename: 'ksbb-summary-all-2026-12-03.csv', content: csv, contentType: 'text/csv; charset=utf-8' },
    ]);
    expect(sent[0].text).toContain('Berkas laporan terlampir: ksbb-summary-all-2026-12-03.csv.');
    expect(marks).toEqual([{ status: 'sent' }]);
  });

  it('links a file too large to attach instead of attaching it', async () => {
    const { service, sent } = harness(claimed({ language: 'en' }), Buffer.alloc(10 * 1024 * 1024 + 1));
    expect(await service.send('x')).toMatchObject({ status: 'sent' });
    expect(sent[0].attachments).toBeUndefined();
    expect(sent[0].text).toContain(
      'too large to attach; download it at https://ksbb.example/api/v1/report-runs/33333333-3333-4333-8333-333333333333/file',
    );
  });

  it('gives up on a run without a file, and retries a file it could not read for now', async () => {
    const gone = harness(claimed({ reportStorageKey: null }), Buffer.alloc(1));
    expect(await gone.service.send('x')).toMatchObject({ status: 'dead' });
    expect(gone.sent).toHaveLength(0);

    const missing = Object.assign(new Error('no such file'), { code: 'ENOENT' });
    const lost = harness(claimed(), missing);
    expect(await lost.service.send('x')).toMatchObject({ status: 'dead' });

    const busy = Object.assign(new Error('too many open files'), { code: 'EMFILE' });
    const later = harness(claimed(), busy);
    expect(await later.service.send('x')).toMatchObject({ status: 'failed' });
    expect(later.sent).toHaveLength(0);
  });

  it('sends other emails without an attachment', async () => {
    const row = claimed({ reportRunId: null, reportStorageKey: null, eventType: 'commitment.approved' });
    const { service, sent } = harness(
      { ...row, event: { type: 'commitment.approved', createdAt: new Date(), payload: { number: 'KOM/1' } } },
      new Error('never read'),
    );
    expect(await service.send('x')).toMatchObject({ status: 'sent' });
    expect(sent[0].attachments).toBeUndefined();
    expect(sent[0].text).not.toContain('terlampir');
  });
});
