import { Writable } from 'node:stream';
import { startTestApi, TestApi } from '../../test/harness';
import {
  auth,
  claimedAllocation,
  deliveryRegion,
  handoverBody,
  pdfText,
  submitHandover,
  verifyHandover,
} from '@ksbb/testing/api';

const NIK_A = '3171014506900001';
const NIK_B = '3172015101850002';
const NIK_C = '3173026112700003';
const RECEIVER_NIK = '3171010203650004';
const ALL_NIKS = [NIK_A, NIK_B, NIK_C, RECEIVER_NIK];

describe('NIK protection and duplicate warnings', () => {
  let api: TestApi;
  let region: string;
  const logLines: string[] = [];
  const bodies: string[] = [];

  /** Every response body this test sees is kept, to be scanned for NIKs at the end. */
  const keep = <T extends { text?: string; body?: unknown }>(res: T): T => {
    bodies.push(res.text ?? JSON.stringify(res.body));
    return res;
  };

  beforeAll(async () => {
    // The API's log lines (request logger and Nest's logger alike) go into memory, to be scanned for NIKs.
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    api = await startTestApi({ LOG_LEVEL: 'info' }, { logDestination: sink });
    region = await deliveryRegion(api.ds);
  });
  afterAll(() => api.close());

  const submit = async (recipients: { nik: string; name: string }[], extra: Record<string, unknown> = {}) => {
    const c = await claimedAllocation(api, { quantity: 5 });
    const res = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: c.allocationId, quantity: 5 }], { recipients, ...extra }),
    );
    keep({ body: res.body });
    return res;
  };

  const warningsForOperator = async (id: string): Promise<unknown> => {
    const res = keep(await api.http.get(`/api/v1/handovers/${id}`).set(auth(await api.tokenFor('operator'))));
    return res.body.duplicateWarnings;
  };

  it('stores only hashes and masks, warns about recipients already served, and audits the override', async () => {
    const first = await submit(
      [
        { nik: NIK_A, name: 'Siti Aminah' },
        { nik: NIK_B, name: 'Ahmad Fauzi' },
      ],
      { receiver: { name: 'Budi Santoso', role: 'Ketua RW 05', nik: RECEIVER_NIK } },
    );
    expect(first.status).toBe(201);
    expect(first.body.receiver).toEqual({
      name: 'Budi Santoso',
      role: 'Ketua RW 05',
      organization: '',
      nikMasked: '3171********0004',
    });
    expect(first.body.duplicateWarnings).toEqual([]);
    const stored = await api.ds.query(
      `SELECT nik_hash, nik_masked, year, program_code FROM handover_recipients WHERE handover_id = $1 ORDER BY nik_masked`,
      [first.body.id],
    );
    expect(stored).toEqual([
      {
        nik_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        nik_masked: '3171********0001',
        year: 2026,
        program_code: 'PANGAN',
      },
      {
        nik_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        nik_masked: '3172********0002',
        year: 2026,
        program_code: 'PANGAN',
      },
    ]);
    expect(keep(await verifyHandover(api, first.body.id)).status).toBe(200);

    // B again in the same program and year: warned, masked, with the BAST that already lists it.
    const second = await submit([
      { nik: NIK_B, name: 'Ahmad Fauzi' },
      { nik: NIK_C, name: 'Dewi Lestari' },
    ]);
    expect(second.status).toBe(201);
    // The submitter is not told (test/security/oracle.e2e-spec.ts); the operator is.
    expect(second.body).toMatchObject({ duplicateWarnings: [], duplicateWarningsWithheld: true });
    const shown = keep(
      await api.http.get(`/api/v1/handovers/${second.body.id}`).set(auth(await api.tokenFor('operator'))),
    );
    expect(shown.body).toMatchObject({
      duplicateWarnings: [{ nikMasked: '3172********0002', bastNumber: first.body.bastNumber }],
      duplicateWarningsWithheld: false,
    });

    const refused = keep(await verifyHandover(api, second.body.id));
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('3172********0002');
    const acknowledged = keep(await verifyHandover(api, second.body.id, { acknowledgeDuplicates: true }));
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.duplicateWarnings).toEqual(shown.body.duplicateWarnings);
    const [override] = await api.ds.query(
      `SELECT actor_role, after FROM audit_log WHERE entity_id = $1 AND action = 'handover.duplicates_acknowledged'`,
      [second.body.id],
    );
    expect(override).toMatchObject({
      actor_role: 'operator',
      after: { duplicateWarnings: [{ nikMasked: '3172********0002', bastNumber: first.body.bastNumber }] },
    });

    // The year is Jakarta's: 01:00 WIB on 1 January is 2026 (warned); 23:00 WIB on 31 December is 2025 (not).
    const newYearsNight = await submit([{ nik: NIK_A, name: 'Siti Aminah' }], {
      handedOverAt: '2025-12-31T18:00:00Z',
    });
    expect(newYearsNight.body.bastNumber).toMatch(/^BAST\/PANGAN\/2026\//); // 01:00 WIB on 1 January 2026
    expect(await warningsForOperator(newYearsNight.body.id)).toEqual([
      { nikMasked: '3171********0001', bastNumber: first.body.bastNumber },
    ]);
    const lastYear = await submit([{ nik: NIK_A, name: 'Siti Aminah' }], {
      handedOverAt: '2025-12-31T16:00:00Z',
    });
    expect(lastYear.body.bastNumber).toMatch(/^BAST\/PANGAN\/2025\/000001$/);
    expect(await warningsForOperator(lastYear.body.id)).toEqual([]);
  });

  it('refuses implausible NIKs without echoing them', async () => {
    const bad = ['1234', '0071014506900001', '3171013506900001', '3171014513900001'];
    for (const nik of bad) {
      const res = await submit([{ nik, name: 'Salah Ketik' }]);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'recipients[0].nik', message: expect.stringMatching(/^the NIK /) },
      ]);
      expect(JSON.stringify(res.body)).not.toContain(nik);
    }
    const twice = await submit([
      { nik: NIK_C, name: 'Dewi Lestari' },
      { nik: NIK_C, name: 'Dewi Lestari' },
    ]);
    expect(twice.status).toBe(400);
  });

  it('never shows a NIK: not in any response, document, event, audit row or log line', async () => {
    const operator = await api.tokenFor('operator');
    const collaborator = await api.tokenFor('collaborator');
    const ids: { id: string; bast_number: string }[] = await api.ds.query(
      `SELECT id, bast_number FROM handovers`,
    );
    for (const { id, bast_number } of ids) {
      keep(await api.http.get(`/api/v1/handovers/${id}`).set(auth(operator)));
      keep(await api.http.get(`/api/v1/handovers/${id}`).set(auth(collaborator)));
      keep(await api.http.get(`/api/v1/public/bast/${encodeURIComponent(bast_number)}`));
      const pdf = await api.http
        .get(`/api/v1/handovers/${id}/bast.pdf`)
        .set(auth(operator))
        .responseType('blob');
      bodies.push(pdfText(pdf.body as Buffer));
    }
    keep(await api.http.get('/api/v1/handovers?limit=100').set(auth(operator)));
    keep(await api.http.get('/api/v1/public/ledger/verify'));
    keep(
      await api.http.get('/api/v1/audit?entity=handover&limit=100').set(auth(await api.tokenFor('admin'))),
    );
    const [{ events }] = await api.ds.query(
      `SELECT json_agg(payload)::text AS events FROM outbox_events WHERE aggregate_type = 'handover'`,
    );
    const [{ audit }] = await api.ds.query(
      `SELECT json_agg(json_build_object('before', before, 'after', after))::text AS audit FROM audit_log WHERE entity = 'handover'`,
    );
    const [{ stored }] = await api.ds.query(
      `SELECT (SELECT json_agg(h)::text FROM handovers h) || (SELECT json_agg(r)::text FROM handover_recipients r) AS stored`,
    );

    expect(bodies.length).toBeGreaterThan(20);
    expect(logLines.length).toBeGreaterThan(20);
    expect(logLines.some((l) => l.includes('/api/v1/handovers'))).toBe(true);
    expect(bodies.join('\n')).toContain('3171********0001');
    const everything = [...bodies, ...logLines, events, audit, stored].join('\n');
    for (const nik of ALL_NIKS) expect(everything).not.toContain(nik);
  });
});
