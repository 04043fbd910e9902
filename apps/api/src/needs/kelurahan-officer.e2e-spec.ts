import { newUser } from '@ksbb/testing';
import { auth, claimedAllocation, handoverBody, pdfText, submitHandover, verifyHandover } from '@ksbb/testing/api';
import { startTestApi, TestApi } from '../../test/harness';

const GAMBIR = '31.71.01.1001';
const PENJARINGAN = '31.72.01.1001';

describe('kelurahan officers', () => {
  let api: TestApi;
  let officer: Record<string, string>;
  let operator: Record<string, string>;
  let gambirRw: string;
  let penjaringanRw: string;

  /** A submitted handover of a fresh claim on a need placed in the given RW. */
  async function handoverIn(rw: string): Promise<{ id: string; needId: string; allocationId: string }> {
    const claimed = await claimedAllocation(api, { quantity: 5 });
    await api.ds.query(`UPDATE needs SET region_code = $2 WHERE id = $1`, [claimed.needId, rw]);
    const res = await submitHandover(api, handoverBody(rw, [{ allocationId: claimed.allocationId, quantity: 5 }]));
    if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, needId: claimed.needId, allocationId: claimed.allocationId };
  }

  beforeAll(async () => {
    api = await startTestApi();
    officer = auth(await api.tokenFor('kelurahan'));
    operator = auth(await api.tokenFor('operator'));
    [{ code: gambirRw }] = await api.ds.query(`SELECT code FROM regions WHERE parent_code = $1 ORDER BY code LIMIT 1`, [GAMBIR]);
    [{ code: penjaringanRw }] = await api.ds.query(`SELECT code FROM regions WHERE parent_code = $1 ORDER BY code LIMIT 1`, [PENJARINGAN]);
  });
  afterAll(() => api.close());

  it('sees the needs, claims and handovers of its kelurahan, and gets 404 for another area', async () => {
    const mine = await handoverIn(gambirRw);
    const theirs = await handoverIn(penjaringanRw);

    expect((await api.http.get(`/api/v1/needs/${mine.needId}`).set(officer)).status).toBe(200);
    expect((await api.http.get(`/api/v1/needs/${theirs.needId}`).set(officer)).status).toBe(404);
    expect((await api.http.get(`/api/v1/allocations/${mine.allocationId}`).set(officer)).status).toBe(200);
    expect((await api.http.get(`/api/v1/allocations/${theirs.allocationId}`).set(officer)).status).toBe(404);
    expect((await api.http.get(`/api/v1/handovers/${mine.id}`).set(officer)).status).toBe(200);
    expect((await api.http.get(`/api/v1/handovers/${theirs.id}`).set(officer)).status).toBe(404);
    expect((await api.http.get(`/api/v1/handovers/${theirs.id}/bast.pdf`).set(officer)).status).toBe(404);

    const needs = await api.http.get('/api/v1/needs?limit=100').set(officer);
    expect(needs.status).toBe(200);
    expect(needs.body.data.length).toBeGreaterThan(0);
    for (const n of needs.body.data) expect(n.region.code.startsWith(`${GAMBIR}.`) || n.region.code === GAMBIR).toBe(true);
    const handovers = await api.http.get('/api/v1/handovers?limit=100').set(officer);
    expect(handovers.body.data.map((h: { id: string }) => h.id)).toContain(mine.id);
    expect(handovers.body.data.map((h: { id: string }) => h.id)).not.toContain(theirs.id);
    const claims = await api.http.get('/api/v1/allocations?limit=100').set(officer);
    expect(claims.body.data.map((a: { id: string }) => a.id)).toEqual([mine.allocationId]);
    // an officer does not act on needs or claims
    expect((await api.http.post('/api/v1/needs').set(officer).send({})).status).toBe(403);
    expect((await api.http.post(`/api/v1/handovers/${mine.id}/verify`).set(officer).send({})).status).toBe(403);
  });

  it('flags a need of its area with a reason; an operator sees and resolves the flag', async () => {
    const mine = await handoverIn(gambirRw);
    const theirs = await handoverIn(penjaringanRw);
    const reason = 'Alamat penerima tidak ada di RW ini';
    const flagged = await api.http.post(`/api/v1/needs/${mine.needId}/flags`).set(officer).send({ reason });
    expect(flagged.status).toBe(201);
    expect(flagged.body).toMatchObject({ needId: mine.needId, reason, status: 'open', kelurahanCode: GAMBIR });
    const again = await api.http.post(`/api/v1/needs/${mine.needId}/flags`).set(officer).send({ reason });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('need_flag_open');
    expect((await api.http.post(`/api/v1/needs/${theirs.needId}/flags`).set(officer).send({ reason })).status).toBe(404);
    expect((await api.http.post(`/api/v1/needs/${mine.needId}/flags`).set(operator).send({ reason })).status).toBe(403);
    expect((await api.http.post(`/api/v1/needs/${mine.needId}/flags`).set(officer).send({ reason: '  ' })).status).toBe(400);

    const open = await api.http.get(`/api/v1/need-flags?status=open&needId=${mine.needId}`).set(operator);
    expect(open.body.data.map((f: { id: string }) => f.id)).toEqual([flagged.body.id]);
    const other = await newUser(api.ds, 'kelurahan', { kelurahanCode: PENJARINGAN });
    const otherToken = (await api.login(other.email, other.password)).accessToken;
    const hidden = await api.http.get(`/api/v1/need-flags?needId=${mine.needId}`).set(auth(otherToken));
    expect(hidden.body.data).toEqual([]);

    const resolved = await api.http
      .post(`/api/v1/need-flags/${flagged.body.id}/resolve`)
      .set(operator)
      .send({ resolution: 'Alamat dikoreksi' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: 'Alamat dikoreksi' });
    const twice = await api.http.post(`/api/v1/need-flags/${flagged.body.id}/resolve`).set(operator).send({ resolution: 'x' });
    expect(twice.body.code).toBe('need_flag_resolved');
  });

  it('confirms a handover as the witness: the BAST shows it, its hash counts it, and the ledger still verifies', async () => {
    const mine = await handoverIn(gambirRw);
    const theirs = await handoverIn(penjaringanRw);
    expect((await api.http.post(`/api/v1/handovers/${theirs.id}/kelurahan-confirmation`).set(officer)).status).toBe(404);
    const before = await api.http.get(`/api/v1/handovers/${mine.id}/bast.pdf`).set(operator).responseType('blob');
    const awaiting = async (confirmed: boolean) =>
      (await api.http.get(`/api/v1/handovers?status=submitted&kelurahanConfirmed=${confirmed}&limit=100`).set(officer)).body.data.map(
        (h: { id: string }) => h.id,
      );
    expect(await awaiting(false)).toContain(mine.id);
    expect(await awaiting(true)).not.toContain(mine.id);
    const confirmed = await api.http.post(`/api/v1/handovers/${mine.id}/kelurahan-confirmation`).set(officer);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.kelurahanConfirmation).toMatchObject({ name: 'Petugas Kelurahan Gambir (Demo)' });
    const twice = await api.http.post(`/api/v1/handovers/${mine.id}/kelurahan-confirmation`).set(officer);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('handover_already_confirmed');
    // the home's "awaiting your confirmation" list no longer holds it
    expect(await awaiting(false)).not.toContain(mine.id);
    expect(await awaiting(true)).toContain(mine.id);

    expect((await verifyHandover(api, mine.id)).status).toBe(200);
    const pdf = await api.http.get(`/api/v1/handovers/${mine.id}/bast.pdf`).set(officer).responseType('blob');
    expect(pdf.status).toBe(200);
    const text = pdfText(pdf.body).replace(/\s+/g, ' ');
    expect(text).toContain('Dikonfirmasi secara elektronik oleh Kelurahan sebagai saksi: Petugas Kelurahan Gambir (Demo)');
    // the hash printed before the confirmation is not the one after: the confirmation is signed content
    const hashOf = (t: string) => /[0-9a-f]{64}/.exec(t)?.[0];
    expect(hashOf(text)).toBeDefined();
    expect(hashOf(text)).not.toBe(hashOf(pdfText(before.body).replace(/\s+/g, ' ')));

    // tampering with the confirmation breaks the ledger; as stored, it verifies
    expect((await api.http.get('/api/v1/public/ledger/verify')).body.ok).toBe(true);
    await api.ds.query(`UPDATE handovers SET kelurahan_confirmed_name = 'Orang Lain' WHERE id = $1`, [mine.id]);
    expect((await api.http.get('/api/v1/public/ledger/verify')).body.ok).toBe(false);
    await api.ds.query(`UPDATE handovers SET kelurahan_confirmed_name = 'Petugas Kelurahan Gambir (Demo)' WHERE id = $1`, [mine.id]);
    expect((await api.http.get('/api/v1/public/ledger/verify')).body.ok).toBe(true);
  });

  it('a program that requires the confirmation refuses to verify without it', async () => {
    const admin = auth(await api.tokenFor('admin'));
    const [{ version }] = await api.ds.query(`SELECT version FROM programs WHERE code = 'PANGAN'`);
    const setting = await api.http
      .patch('/api/v1/programs/PANGAN')
      .set(admin)
      .set('if-match', `"${version}"`)
      .send({ requiresKelurahanConfirmation: true });
    expect(setting.status).toBe(200);
    expect(setting.body.requiresKelurahanConfirmation).toBe(true);
    try {
      const h = await handoverIn(gambirRw);
      const refused = await verifyHandover(api, h.id);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('handover_kelurahan_confirmation_required');
      expect((await api.http.post(`/api/v1/handovers/${h.id}/kelurahan-confirmation`).set(officer)).status).toBe(200);
      expect((await verifyHandover(api, h.id)).status).toBe(200);
    } finally {
      await api.ds.query(`UPDATE programs SET requires_kelurahan_confirmation = false WHERE code = 'PANGAN'`);
    }
  });
});
