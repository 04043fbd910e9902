import { startTestApi, TestApi } from '../../test/harness';
import {
  approveNewCommitment,
  auth,
  claim,
  demoAggregatorId,
  deliveryRegion,
  handoverBody,
  insertNeed,
  newDonor,
  submitHandover,
} from '@ksbb/testing/api';

/**
 * GET /me/home: a donor's and an aggregator's own open claims (soonest due first), rejected items still to fix and
 * commitments' progress — never another organisation's, and no home for other roles.
 */
describe('GET /me/home', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const home = async (token: string) => api.http.get('/api/v1/me/home').set(auth(token));

  it('shows a donor its own claims by due date, pending and rejected handovers, and commitment progress', async () => {
    const aggregatorId = await demoAggregatorId(api.ds);
    const donor = await newDonor(api);
    const other = await newDonor(api);
    const routed = await approveNewCommitment(api, donor, { aggregatorId });
    const foreign = await approveNewCommitment(api, other);

    const claimOf = async (commitmentId: string, token: string, quantity: number) => {
      const needId = await insertNeed(api.ds, { quantity });
      const res = await claim(api, { commitmentId, needId, quantity }, token);
      expect(res.status).toBe(201);
      return String(res.body.id);
    };
    const later = await claimOf(routed.id, donor.token, 7);
    const sooner = await claimOf(routed.id, donor.token, 5);
    const toReject = await claimOf(routed.id, donor.token, 3);
    const othersClaim = await claimOf(foreign.id, other.token, 4);
    await api.ds.query(`UPDATE allocations SET expires_at = now() + interval '1 hour' WHERE id = $1`, [
      sooner,
    ]);
    await api.ds.query(`UPDATE allocations SET expires_at = now() + interval '9 days' WHERE id = $1`, [
      later,
    ]);
    await api.ds.query(`UPDATE allocations SET expires_at = now() + interval '5 days' WHERE id = $1`, [
      toReject,
    ]);

    // a handover for `toReject`, rejected by the operator: the item is to be fixed, and not pending any more
    const region = await deliveryRegion(api.ds);
    const submitted = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: toReject, quantity: 3 }]),
      donor.token,
    );
    expect(submitted.status).toBe(201);
    const pending = await home(donor.token);
    expect(pending.body.claims.find((c: { id: string }) => c.id === toReject)).toMatchObject({
      handoverPending: true,
    });
    const rejected = await api.http
      .post(`/api/v1/handovers/${submitted.body.id}/reject`)
      .set(auth(await api.tokenFor('operator')))
      .send({ reason: 'Foto tidak terbaca' });
    expect(rejected.status).toBe(200);

    const res = await home(donor.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'collaborator', organisationId: donor.collaboratorId });
    expect(res.body.claims.map((c: { id: string }) => c.id)).toEqual([sooner, toReject, later]);
    expect(res.body.claims[0]).toMatchObject({
      status: 'reserved',
      quantity: 5,
      deliveredQuantity: 0,
      remaining: 5,
      handoverPending: false,
      commitmentId: routed.id,
      commitmentNumber: routed.number,
    });
    expect(res.body.rejectedItems).toEqual([
      expect.objectContaining({
        handoverId: submitted.body.id,
        bastNumber: submitted.body.bastNumber,
        rejectionReason: 'Foto tidak terbaca',
        allocationId: toReject,
        quantity: 3,
        commitmentId: routed.id,
      }),
    ]);
    expect(res.body.commitments).toEqual([
      {
        id: routed.id,
        number: routed.number,
        programCode: 'PANGAN',
        status: 'approved',
        pledged: 100,
        claimed: 15,
        delivered: 0,
      },
    ]);
    // another donor's objects never appear
    const text = JSON.stringify(res.body);
    for (const id of [othersClaim, foreign.id, other.collaboratorId]) expect(text).not.toContain(id);

    // handed over again: the rejected item is fixed
    const again = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: toReject, quantity: 3 }]),
      donor.token,
    );
    expect(again.status).toBe(201);
    expect((await home(donor.token)).body.rejectedItems).toEqual([]);

    // the other donor sees only its own
    const theirs = await home(other.token);
    expect(theirs.body.claims.map((c: { id: string }) => c.id)).toEqual([othersClaim]);
    expect(JSON.stringify(theirs.body)).not.toContain(routed.id);

    // the aggregator sees the claims routed through it (its assignments), never the direct commitment's
    const agg = await home(await api.tokenFor('aggregator'));
    expect(agg.status).toBe(200);
    expect(agg.body).toMatchObject({ role: 'aggregator', organisationId: aggregatorId });
    const ids = agg.body.claims.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([sooner, toReject, later]));
    expect(ids).not.toContain(othersClaim);
    const dues = agg.body.claims.map((c: { expiresAt: string }) => c.expiresAt);
    expect(dues).toEqual([...dues].sort());
  });

  it('has no home for the Pokja roles (403) nor for anonymous callers (401)', async () => {
    for (const role of ['admin', 'operator', 'viewer'] as const) {
      const res = await home(await api.tokenFor(role));
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await api.http.get('/api/v1/me/home')).status).toBe(401);
  });
});
