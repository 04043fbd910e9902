import { startTestApi, TestApi } from '../../test/harness';
import {
  auth,
  claimedAllocation,
  deliveryRegion,
  handoverBody,
  submitHandover,
  submittedHandover,
  verifyHandover,
} from '@ksbb/testing/api';

describe('verifying handovers and the ledger', () => {
  let api: TestApi;
  let region: string;

  beforeAll(async () => {
    api = await startTestApi();
    region = await deliveryRegion(api.ds);
  });
  afterAll(() => api.close());

  const quantities = async (c: { allocationId: string; needId: string; commitmentId: string }) => {
    const [row] = await api.ds.query(
      `SELECT a.delivered_quantity AS allocation, a.status AS "allocationStatus",
              n.delivered_quantity AS need, n.status AS "needStatus",
              ci.delivered_quantity AS item, cm.status AS "commitmentStatus"
         FROM allocations a JOIN needs n ON n.id = a.need_id
         JOIN commitment_items ci ON ci.id = a.commitment_item_id JOIN commitments cm ON cm.id = a.commitment_id
        WHERE a.id = $1`,
      [c.allocationId],
    );
    return row;
  };

  it('verifies: delivered quantities rise, the need is fulfilled and the commitment completes, in steps', async () => {
    const c = await claimedAllocation(api, { quantity: 10 });
    const first = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: c.allocationId, quantity: 4 }]),
    );
    const second = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: c.allocationId, quantity: 6 }]),
    );

    // No body at all is fine: acknowledgeDuplicates is optional.
    const v1 = await api.http
      .post(`/api/v1/handovers/${first.body.id}/verify`)
      .set(auth(await api.tokenFor('operator')));
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ status: 'verified', chainSeq: 1 });
    expect(v1.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await quantities(c)).toEqual({
      allocation: 4,
      allocationStatus: 'partially_delivered',
      need: 4,
      needStatus: 'fully_allocated',
      item: 4,
      commitmentStatus: 'approved',
    });

    expect((await verifyHandover(api, second.body.id)).status).toBe(200);
    expect(await quantities(c)).toEqual({
      allocation: 10,
      allocationStatus: 'delivered',
      need: 10,
      needStatus: 'fulfilled',
      item: 10,
      commitmentStatus: 'completed',
    });
    const again = await verifyHandover(api, first.body.id);
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/verified/);
    const events = await api.ds.query(
      `SELECT type FROM outbox_events WHERE aggregate_id = ANY($1) OR (type = 'commitment.completed' AND aggregate_id = $2) ORDER BY id`,
      [[first.body.id, second.body.id], c.commitmentId],
    );
    expect(events.map((e: { type: string }) => e.type).sort()).toEqual(
      [
        'commitment.completed',
        'handover.submitted',
        'handover.submitted',
        'handover.verified',
        'handover.verified',
      ].sort(),
    );
    const audit = await api.ds.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [
      second.body.id,
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'handover.submitted',
      'handover.verified',
    ]);
  });

  it('counts a concurrent double verification once', async () => {
    const h = await submittedHandover(api, { quantity: 5 });
    const results = await Promise.all([
      verifyHandover(api, h.id, {}, 'operator'),
      verifyHandover(api, h.id, {}, 'admin'),
      verifyHandover(api, h.id, {}, 'operator'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await quantities(h)).toMatchObject({
      allocation: 5,
      need: 5,
      item: 5,
      allocationStatus: 'delivered',
    });
    const [{ n }] = await api.ds.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE aggregate_id = $1 AND type = 'handover.verified'`,
      [h.id],
    );
    expect(n).toBe(1);
  });

  it('rejects with a reason, counting nothing, and only once', async () => {
    const h = await submittedHandover(api, { quantity: 3 });
    const noReason = await api.http
      .post(`/api/v1/handovers/${h.id}/reject`)
      .set(auth(await api.tokenFor('operator')))
      .send({});
    expect(noReason.status).toBe(400);
    const res = await api.http
      .post(`/api/v1/handovers/${h.id}/reject`)
      .set(auth(await api.tokenFor('operator')))
      .send({ reason: 'Foto tidak terbaca' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Foto tidak terbaca',
      chainSeq: null,
    });
    expect(await quantities(h)).toMatchObject({ allocation: 0, need: 0, item: 0 });
    expect((await verifyHandover(api, h.id)).status).toBe(409);
    const byDonor = await api.http
      .post(`/api/v1/handovers/${h.id}/verify`)
      .set(auth(await api.tokenFor('collaborator')))
      .send({});
    expect(byDonor.status).toBe(403);
    // The rejected quantity is free to hand over again.
    const retry = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: h.allocationId, quantity: 3 }]),
    );
    expect(retry.status).toBe(201);
  });
});

describe('the ledger under concurrency and tampering', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('chains 10 concurrent verifications in strict order, and shows verified BASTs publicly', async () => {
    const empty = await api.http.get('/api/v1/public/ledger/verify');
    expect(empty.body).toEqual({ ok: true, length: 0, head: null });
    const handovers = [];
    for (let i = 0; i < 10; i++) handovers.push(await submittedHandover(api, { quantity: 2 }));
    const results = await Promise.all(
      handovers.map((h, i) => verifyHandover(api, h.id, {}, i % 2 ? 'admin' : 'operator')),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const seqs = results.map((r) => r.body.chainSeq as number).sort((a, b) => a - b);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const check = await api.http.get('/api/v1/public/ledger/verify');
    expect(check.status).toBe(200);
    expect(check.headers['cache-control']).toBe('public, max-age=30');
    const [{ head }] = await api.ds.query(`SELECT chain_hash AS head FROM handovers WHERE chain_seq = 10`);
    expect(check.body).toEqual({ ok: true, length: 10, head });

    const h = handovers[0];
    const encoded = await api.http.get(`/api/v1/public/bast/${encodeURIComponent(h.bastNumber)}`);
    expect(encoded.status).toBe(200);
    expect(encoded.headers['cache-control']).toBe('public, max-age=30');
    const [row] = await api.ds.query(
      `SELECT content_hash, chain_hash, chain_seq, to_char(handed_over_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS day
         FROM handovers WHERE id = $1`,
      [h.id],
    );
    const [giver] = await api.ds.query(
      `SELECT c.id, c.name, c.type, ag.name AS aggregator
         FROM handovers h JOIN commitments cm ON cm.id = h.commitment_id
         JOIN collaborators c ON c.id = cm.collaborator_id LEFT JOIN aggregators ag ON ag.id = h.aggregator_id
        WHERE h.id = $1`,
      [h.id],
    );
    expect(giver.type).not.toBe('individual');
    expect(encoded.body).toEqual({
      collaborator: { name: giver.name, type: giver.type },
      aggregator: giver.aggregator ? { name: giver.aggregator } : null,
      verificationUrl: `http://localhost:3000/bast/${h.bastNumber}`,
      ledger: { ok: true, length: 10, head },
      bastNumber: h.bastNumber,
      status: 'verified',
      program: { code: 'PANGAN', name: expect.any(String) },
      village: { code: expect.stringMatching(/^\d\d\.\d\d\.\d\d\.\d{4}$/), name: expect.any(String) },
      handedOverAt: row.day,
      items: [{ package: expect.any(String), packageCode: 'SEMBAKO', unit: expect.any(String), quantity: 2 }],
      totalQuantity: 2,
      contentHash: row.content_hash,
      chainHash: row.chain_hash,
      chainSeq: row.chain_seq,
    });
    const text = JSON.stringify(encoded.body);
    for (const personal of ['Rina Kartika', 'Budi Santoso', 'Sari Wulandari', 'Balai Warga']) {
      expect(text).not.toContain(personal);
    }
    const raw = await api.http.get(`/api/v1/public/bast/${h.bastNumber}`);
    expect(raw.status).toBe(200);
    expect(raw.body).toEqual(encoded.body);

    // A private individual is named only after opting in; never with contact data.
    await api.ds.query(`UPDATE collaborators SET type = 'individual', public_opt_in = false WHERE id = $1`, [
      giver.id,
    ]);
    try {
      const hidden = await api.http.get(`/api/v1/public/bast/${encodeURIComponent(h.bastNumber)}`);
      expect(hidden.body.collaborator).toBeNull();
      expect(JSON.stringify(hidden.body)).not.toContain(giver.name);
      await api.ds.query(`UPDATE collaborators SET public_opt_in = true WHERE id = $1`, [giver.id]);
      const named = await api.http.get(`/api/v1/public/bast/${encodeURIComponent(h.bastNumber)}`);
      expect(named.body.collaborator).toEqual({ name: giver.name, type: 'individual' });
      const [contact] = await api.ds.query(`SELECT email, phone FROM collaborators WHERE id = $1`, [
        giver.id,
      ]);
      for (const value of [contact.email, contact.phone].filter(Boolean)) {
        expect(JSON.stringify(named.body)).not.toContain(value);
      }
    } finally {
      await api.ds.query(`UPDATE collaborators SET type = $2, public_opt_in = false WHERE id = $1`, [
        giver.id,
        giver.type,
      ]);
    }
  });

  it('reports the first tampered BAST when a signed column or an item changes in the database', async () => {
    const [third] = await api.ds.query(`SELECT id, bast_number FROM handovers WHERE chain_seq = 3`);
    await api.ds.query(`UPDATE handovers SET address = address || ' (diubah)' WHERE id = $1`, [third.id]);
    const broken = await api.http.get('/api/v1/public/ledger/verify');
    expect(broken.body).toMatchObject({ ok: false, length: 10, firstBadBastNumber: third.bast_number });
    expect(broken.body.head).toMatch(/^[0-9a-f]{64}$/);
    // a verification page of any BAST then says the chain does not verify
    const [first] = await api.ds.query(`SELECT bast_number FROM handovers WHERE chain_seq = 1`);
    const page = await api.http.get(`/api/v1/public/bast/${encodeURIComponent(first.bast_number)}`);
    expect(page.body.ledger).toMatchObject({ ok: false, firstBadBastNumber: third.bast_number });
    await api.ds.query(`UPDATE handovers SET address = replace(address, ' (diubah)', '') WHERE id = $1`, [
      third.id,
    ]);
    expect((await api.http.get('/api/v1/public/ledger/verify')).body.ok).toBe(true);

    const [second] = await api.ds.query(`SELECT id, bast_number FROM handovers WHERE chain_seq = 2`);
    await api.ds.query(`UPDATE handover_items SET quantity = quantity - 1 WHERE handover_id = $1`, [
      second.id,
    ]);
    expect((await api.http.get('/api/v1/public/ledger/verify')).body).toMatchObject({
      ok: false,
      firstBadBastNumber: second.bast_number,
    });
    await api.ds.query(`UPDATE handover_items SET quantity = quantity + 1 WHERE handover_id = $1`, [
      second.id,
    ]);

    const [seventh] = await api.ds.query(`SELECT id, bast_number FROM handovers WHERE chain_seq = 7`);
    await api.ds.query(
      `UPDATE handovers SET giver = jsonb_set(giver, '{name}', '"Orang Lain"') WHERE id = $1`,
      [seventh.id],
    );
    expect((await api.http.get('/api/v1/public/ledger/verify')).body).toMatchObject({
      ok: false,
      firstBadBastNumber: seventh.bast_number,
    });
  });

  it('does not show submitted or unknown BASTs publicly', async () => {
    const h = await submittedHandover(api, { quantity: 1 });
    expect((await api.http.get(`/api/v1/public/bast/${encodeURIComponent(h.bastNumber)}`)).status).toBe(404);
    const unknown = await api.http.get('/api/v1/public/bast/BAST%2FPANGAN%2F1999%2F000001');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });
});
