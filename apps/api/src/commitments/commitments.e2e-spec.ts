import { commitmentSignedContent, commitmentSignedHash, sha256Hex } from '@ksbb/core';
import { newAggregator, newUser } from '@ksbb/testing';
import { startTestApi, TestApi } from '../../test/harness';
import {
  auth,
  commitmentBody,
  demoAggregatorId,
  donorCollaboratorId,
  draftCommitment,
  insertCollaborator,
  pdfText,
  SIGNATURE,
  submittedCommitment,
} from '@ksbb/testing/api';

describe('commitments', () => {
  let api: TestApi;
  let donor: Record<string, string>;
  let operator: Record<string, string>;
  let donorCollaborator: string;

  beforeAll(async () => {
    api = await startTestApi();
    donor = auth(await api.tokenFor('collaborator'));
    operator = auth(await api.tokenFor('operator'));
    donorCollaborator = await donorCollaboratorId(api.ds);
  });
  afterAll(() => api.close());

  it('creates a draft with its items and total value in rupiah', async () => {
    const res = await api.http
      .post('/api/v1/commitments')
      .set(donor)
      .send(
        commitmentBody(donorCollaborator, {
          items: [
            { packageCode: 'SEMBAKO', quantity: 10, unitValue: 150_000 },
            { packageCode: 'PAKET_LEBARAN', quantity: 3, unitValue: 500_000 },
          ],
        }),
      );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      number: null,
      collaboratorId: donorCollaborator,
      programCode: 'PANGAN',
      deliveryMode: 'direct',
      aggregatorId: null,
      totalValue: 3_000_000,
      plannedFrom: '2026-01-05',
      plannedTo: '2026-02-28',
      version: 1,
    });
    expect(res.body.items).toEqual([
      expect.objectContaining({
        packageCode: 'PAKET_LEBARAN',
        quantity: 3,
        unitValue: 500_000,
        subtotal: 1_500_000,
      }),
      expect.objectContaining({
        packageCode: 'SEMBAKO',
        quantity: 10,
        unitValue: 150_000,
        availableQuantity: 10,
      }),
    ]);
    const got = await api.http.get(`/api/v1/commitments/${res.body.id}`).set(donor);
    expect(got.status).toBe(200);
    expect(got.headers.etag).toBe('"1"');
  });

  it.each([
    ['plannedTo before plannedFrom', { plannedFrom: '2026-03-01', plannedTo: '2026-02-01' }, 'plannedTo'],
    ['an invalid date', { plannedFrom: '2026-02-30' }, 'plannedFrom'],
    ['no items', { items: [] }, 'items'],
    [
      'a package listed twice',
      {
        items: [
          { packageCode: 'SEMBAKO', quantity: 1, unitValue: 200_000 },
          { packageCode: 'SEMBAKO', quantity: 2, unitValue: 200_000 },
        ],
      },
      'items[1].packageCode',
    ],
    [
      'a package of another program',
      { items: [{ packageCode: 'GAWAI_SISWA', quantity: 1, unitValue: 2_000_000 }] },
      'items[0].packageCode',
    ],
    [
      'a unit value outside the package range',
      { items: [{ packageCode: 'SEMBAKO', quantity: 1, unitValue: 10_000 }] },
      'items[0].unitValue',
    ],
    [
      'a fractional quantity',
      { items: [{ packageCode: 'SEMBAKO', quantity: 1.5, unitValue: 200_000 }] },
      'items[0].quantity',
    ],
    ['aggregator mode without an aggregator', { deliveryMode: 'aggregator' }, 'aggregatorId'],
    ['an unknown field', { discount: 10 }, 'discount'],
    ['an unknown program', { programCode: 'NOPE' }, 'programCode'],
  ])('refuses %s with 400', async (_, patch, field) => {
    const res = await api.http
      .post('/api/v1/commitments')
      .set(donor)
      .send({ ...commitmentBody(donorCollaborator), ...patch });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('routes to an aggregator only when it serves the program, and refuses a program that is not open', async () => {
    const { id: edu } = await newAggregator(api.ds, { programCodes: ['UMKM'] });
    const wrong = await api.http
      .post('/api/v1/commitments')
      .set(donor)
      .send(commitmentBody(donorCollaborator, { deliveryMode: 'aggregator', aggregatorId: edu }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([
      { field: 'aggregatorId', message: expect.stringMatching(/does not serve/) },
    ]);
    const aggregatorId = await demoAggregatorId(api.ds);
    const [{ serves }] = await api.ds.query(
      `SELECT 'PANGAN' = ANY(program_codes) AS serves FROM aggregators WHERE id = $1`,
      [aggregatorId],
    );
    expect(serves).toBe(true);
    const routed = await api.http
      .post('/api/v1/commitments')
      .set(donor)
      .send(commitmentBody(donorCollaborator, { deliveryMode: 'aggregator', aggregatorId }));
    expect(routed.status).toBe(201);
    expect(routed.body).toMatchObject({
      deliveryMode: 'aggregator',
      aggregatorId,
      aggregatorName: 'Dompet Dhuafa',
    });
    const closed = await api.http
      .post('/api/v1/commitments')
      .set(operator)
      .send(
        commitmentBody(donorCollaborator, {
          programCode: 'TENAGA_KERJA',
          items: [{ packageCode: 'X1', quantity: 1, unitValue: 1 }],
        }),
      );
    expect(closed.status).toBe(409);
    expect(closed.body.detail).toMatch(/TENAGA_KERJA is draft/);
  });

  it('refuses a collaborator member drafting for another collaborator (403), but lets an operator draft for anyone', async () => {
    const other = await insertCollaborator(api.ds);
    const mine = await api.http.post('/api/v1/commitments').set(donor).send(commitmentBody(other.id));
    expect(mine.status).toBe(403);
    const staff = await api.http.post('/api/v1/commitments').set(operator).send(commitmentBody(other.id));
    expect(staff.status).toBe(201);
    expect(staff.body.collaboratorName).toBe(other.name);
  });

  it('signs: number, e-sign record and a SHA-256 anyone can recompute; the event is in the outbox', async () => {
    const { id } = await draftCommitment(api, {
      items: [
        { packageCode: 'SEMBAKO', quantity: 20, unitValue: 200_000 },
        { packageCode: 'MAKANAN_SIAP_SAJI', quantity: 50, unitValue: 25_000 },
      ],
    });
    const res = await api.http
      .post(`/api/v1/commitments/${id}/sign`)
      .set(donor)
      .set('user-agent', 'KSBB-Test/1.0')
      .send(SIGNATURE);
    expect(res.status).toBe(200);
    const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
    expect(res.body).toMatchObject({
      status: 'submitted',
      signatoryName: 'Rina Kartika',
      signatoryTitle: 'Direktur Utama',
      signedUserAgent: 'KSBB-Test/1.0',
      version: 2,
    });
    expect(res.body.number).toMatch(new RegExp(`^KOM/PANGAN/${year}/\\d{6}$`));
    expect(res.body.signedIp).toBeTruthy();
    expect(res.body.signedHash).toMatch(/^[0-9a-f]{64}$/);
    // Recomputed from the API's JSON with the exported canonicalisation, and by hand from its definition.
    expect(commitmentSignedHash(commitmentSignedContent(res.body))).toBe(res.body.signedHash);
    const b = res.body;
    const byHand = JSON.stringify({
      aggregator: null,
      collaborator: { id: b.collaboratorId, name: b.collaboratorName },
      deliveryMode: 'direct',
      items: [
        { packageCode: 'MAKANAN_SIAP_SAJI', quantity: 50, unitValue: 25_000 },
        { packageCode: 'SEMBAKO', quantity: 20, unitValue: 200_000 },
      ],
      notes: b.notes,
      number: b.number,
      plannedFrom: '2026-01-05',
      plannedTo: '2026-02-28',
      programCode: 'PANGAN',
      signatory: { name: 'Rina Kartika', title: 'Direktur Utama' },
      signedAt: b.signedAt,
      totalValue: 5_250_000,
    });
    expect(sha256Hex(byHand)).toBe(b.signedHash);
    // Any change to the signed content changes the hash.
    expect(commitmentSignedHash(commitmentSignedContent({ ...b, totalValue: b.totalValue + 1 }))).not.toBe(
      b.signedHash,
    );
    const [event] = await api.ds.query(`SELECT type, payload FROM outbox_events WHERE aggregate_id = $1`, [
      id,
    ]);
    expect(event).toMatchObject({ type: 'commitment.submitted', payload: { number: b.number } });
  });

  it('requires agree to be literally true (400) and a verified collaborator (409)', async () => {
    const { id } = await draftCommitment(api);
    for (const agree of [false, 'true', 1]) {
      const res = await api.http
        .post(`/api/v1/commitments/${id}/sign`)
        .set(donor)
        .send({ ...SIGNATURE, agree });
      expect(res.status).toBe(400);
    }
    const pending = await insertCollaborator(api.ds, 'pending');
    const member = await newUser(api.ds, 'collaborator', { collaboratorId: pending.id });
    const { accessToken } = await api.login(member.email, member.password);
    const draft = await draftCommitment(api, { collaboratorId: pending.id }, accessToken);
    const res = await api.http
      .post(`/api/v1/commitments/${draft.id}/sign`)
      .set(auth(accessToken))
      .send(SIGNATURE);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/only verified collaborators can sign commitments/);
    const [row] = await api.ds.query(`SELECT status, number FROM commitments WHERE id = $1`, [draft.id]);
    expect(row).toEqual({ status: 'draft', number: null });
  });

  it('numbers 20 concurrent signatures gap-free and without duplicates', async () => {
    const scope = `KOM/PENDIDIKAN/${new Date(Date.now() + 7 * 3600_000).getUTCFullYear()}`;
    const [before] = await api.ds.query(`SELECT last_value AS n FROM number_sequences WHERE scope = $1`, [
      scope,
    ]);
    const start = before?.n ?? 0;
    const drafts = [];
    for (let i = 0; i < 20; i++) {
      drafts.push(
        await draftCommitment(api, {
          programCode: 'PENDIDIKAN',
          items: [{ packageCode: 'GAWAI_SISWA', quantity: 5, unitValue: 2_000_000 }],
        }),
      );
    }
    const results = await Promise.all(
      drafts.map((d) => api.http.post(`/api/v1/commitments/${d.id}/sign`).set(donor).send(SIGNATURE)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const numbers = results.map((r) => Number(String(r.body.number).split('/')[3])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => start + i + 1));
    expect(new Set(results.map((r) => r.body.number)).size).toBe(20);
  });

  it('four eyes: an operator cannot approve or reject a commitment they created; another officer can', async () => {
    const other = await insertCollaborator(api.ds);
    const member = await newUser(api.ds, 'collaborator', { collaboratorId: other.id });
    const memberToken = auth((await api.login(member.email, member.password)).accessToken);
    const created = await api.http.post('/api/v1/commitments').set(operator).send(commitmentBody(other.id));
    expect(created.status).toBe(201);
    const signed = await api.http
      .post(`/api/v1/commitments/${created.body.id}/sign`)
      .set(memberToken)
      .send(SIGNATURE);
    expect(signed.status).toBe(200);
    const own = await api.http.post(`/api/v1/commitments/${created.body.id}/approve`).set(operator);
    expect(own.status).toBe(403);
    expect(own.body.detail).toMatch(/you created this commitment/);
    const ownReject = await api.http
      .post(`/api/v1/commitments/${created.body.id}/reject`)
      .set(operator)
      .send({ reason: 'x' });
    expect(ownReject.status).toBe(403);
    const admin = auth(await api.tokenFor('admin'));
    const approved = await api.http.post(`/api/v1/commitments/${created.body.id}/approve`).set(admin);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: expect.any(String) });
  });

  it('rejects with a reason, recorded on the commitment', async () => {
    const { id } = await submittedCommitment(api);
    const missing = await api.http.post(`/api/v1/commitments/${id}/reject`).set(operator).send({});
    expect(missing.status).toBe(400);
    const res = await api.http
      .post(`/api/v1/commitments/${id}/reject`)
      .set(operator)
      .send({ reason: 'Nilai tidak sesuai' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'rejected', statusReason: 'Nilai tidak sesuai' });
    const [event] = await api.ds.query(
      `SELECT type FROM outbox_events WHERE aggregate_id = $1 ORDER BY id DESC LIMIT 1`,
      [id],
    );
    expect(event.type).toBe('commitment.rejected');
  });

  it('lists with filters, scoped to what the caller may see', async () => {
    const aggregatorId = await demoAggregatorId(api.ds);
    const routed = await draftCommitment(api, { deliveryMode: 'aggregator', aggregatorId });
    const all = await api.http.get('/api/v1/commitments?limit=100').set(operator);
    expect(all.status).toBe(200);
    expect(all.body.meta.total).toBeGreaterThan(20);
    const mine = await api.http.get('/api/v1/commitments?limit=100').set(donor);
    expect(
      mine.body.data.every((c: { collaboratorId: string }) => c.collaboratorId === donorCollaborator),
    ).toBe(true);
    const asAggregator = await api.http
      .get('/api/v1/commitments?limit=100')
      .set(auth(await api.tokenFor('aggregator')));
    expect(asAggregator.body.data.length).toBeGreaterThan(0);
    expect(
      asAggregator.body.data.every((c: { aggregatorId: string }) => c.aggregatorId === aggregatorId),
    ).toBe(true);
    expect(asAggregator.body.data.map((c: { id: string }) => c.id)).toContain(routed.id);
    const filtered = await api.http
      .get('/api/v1/commitments?program=PENDIDIKAN&status=submitted&limit=5')
      .set(operator);
    expect(filtered.body.meta.total).toBe(20);
    expect(filtered.body.data).toHaveLength(5);
    expect(
      filtered.body.data.every(
        (c: { programCode: string; status: string }) =>
          c.programCode === 'PENDIDIKAN' && c.status === 'submitted',
      ),
    ).toBe(true);
    const bad = await api.http.get('/api/v1/commitments?sort=secret').set(operator);
    expect(bad.status).toBe(400);
  });

  it('renders the commitment form as a PDF with the number, parties, items and total', async () => {
    const { id, number } = await submittedCommitment(api, {
      items: [
        { packageCode: 'SEMBAKO', quantity: 10, unitValue: 150_000 },
        { packageCode: 'PAKET_LEBARAN', quantity: 2, unitValue: 250_000 },
      ],
    });
    const res = await api.http.get(`/api/v1/commitments/${id}/form.pdf`).set(donor).responseType('blob');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${number.replace(/\//g, '-')}.pdf"`);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    const [{ name }] = await api.ds.query(`SELECT name FROM collaborators WHERE id = $1`, [
      donorCollaborator,
    ]);
    const [{ signed_hash: hash }] = await api.ds.query(`SELECT signed_hash FROM commitments WHERE id = $1`, [
      id,
    ]);
    for (const expected of [
      'FORMULIR KOMITMEN',
      'PEMERINTAH PROVINSI DKI JAKARTA',
      number,
      name,
      'Pokja KSBB',
      'Paket Sembako',
      'Paket Lebaran',
      'Rp 1.500.000',
      'Rp 2.000.000',
      'Rina Kartika',
      hash,
    ]) {
      expect(text).toContain(expected);
    }
    const draft = await draftCommitment(api);
    const draftPdf = await api.http
      .get(`/api/v1/commitments/${draft.id}/form.pdf`)
      .set(donor)
      .responseType('blob');
    const draftText = pdfText(draftPdf.body as Buffer);
    expect(draftText).toContain('(draf)');
    expect(draftText).toContain('Rp 25.000.000');
  });
});
