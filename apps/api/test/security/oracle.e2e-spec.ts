import {
  approveNewCommitment,
  auth,
  claim,
  claimedAllocation,
  deliveryRegion,
  handoverBody,
  insertNeed,
  newDonor,
  submitHandover,
  verifyHandover,
} from '@ksbb/testing/api';
import { startTestApi, TestApi } from '../harness';
import { Callers, expectStatus, setupCallers } from './support';

/**
 * No oracle on other parties' beneficiaries. A handover's duplicate warnings say that a NIK already appears in a
 * verified BAST, and which one: shown to whoever submits, anyone could type in a known person's NIK and learn
 * whether and where they received aid. Only operators and admins see them; every other caller (the submitting
 * collaborator, the aggregator, its API key, the viewer) gets `duplicateWarnings: []` and
 * `duplicateWarningsWithheld: true`, on submit, read and list alike, and the outbox (webhooks) carries none.
 */
const KNOWN_PERSON = '3171014506900091';
const OTHER = '3172015101850092';

describe('duplicate warnings are not an oracle', () => {
  let api: TestApi;
  let callers: Callers;
  let region: string;
  let servedIn: string;
  const warning = () => [{ nikMasked: '3171********0091', bastNumber: servedIn }];
  const recipients = [
    { nik: KNOWN_PERSON, name: 'Siti Aminah' },
    { nik: OTHER, name: 'Ahmad Fauzi' },
  ];

  beforeAll(async () => {
    api = await startTestApi();
    callers = await setupCallers(api);
    region = await deliveryRegion(api.ds);
    // Another party (a donor of its own) has handed aid to the known person; Pokja verified that BAST.
    const donor = await newDonor(api);
    const commitment = await approveNewCommitment(api, donor);
    const needId = await insertNeed(api.ds, { quantity: 5 });
    const claimed = await claim(api, { commitmentId: commitment.id, needId, quantity: 5 }, donor.token);
    expect(claimed.status).toBe(201);
    const served = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: String(claimed.body.id), quantity: 5 }], {
        recipients: [{ nik: KNOWN_PERSON, name: 'Siti Aminah' }],
      }),
      donor.token,
    );
    expect(served.status).toBe(201);
    expect((await verifyHandover(api, served.body.id)).status).toBe(200);
    servedIn = served.body.bastNumber;
  });
  afterAll(() => api.close());

  /** The warning was found and stored: what follows hides it rather than never having it. */
  async function storedWarnings(id: string): Promise<unknown> {
    const [row] = await api.ds.query(`SELECT duplicate_warnings FROM handovers WHERE id = $1`, [id]);
    return row.duplicate_warnings;
  }

  const read = async (id: string, headers: Record<string, string>) => {
    const one = await api.http.get(`/api/v1/handovers/${id}`).set(headers);
    expect(one.status).toBe(200);
    const list = await api.http.get('/api/v1/handovers?limit=100&status=submitted').set(headers);
    expect(list.status).toBe(200);
    const listed = list.body.data.find((h: { id: string }) => h.id === id);
    return { one: one.body, listed };
  };

  const withheld = { duplicateWarnings: [], duplicateWarningsWithheld: true };

  it('a collaborator submitting a known NIK learns nothing; the operator and the admin see the warning', async () => {
    const c = await claimedAllocation(api, { quantity: 5 });
    const res = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: c.allocationId, quantity: 5 }], { recipients }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject(withheld);
    expect(JSON.stringify(res.body)).not.toContain(servedIn);
    expect(await storedWarnings(res.body.id)).toEqual(warning());

    const own = await read(res.body.id, callers.headers.owner);
    expect(own.one).toMatchObject(withheld);
    expect(own.listed).toMatchObject(withheld);
    for (const staff of ['operator', 'admin'] as const) {
      const seen = await read(res.body.id, callers.headers[staff]);
      expect(seen.one).toMatchObject({ duplicateWarnings: warning(), duplicateWarningsWithheld: false });
      expect(seen.listed).toMatchObject({ duplicateWarnings: warning(), duplicateWarningsWithheld: false });
    }
    // The viewer reads every handover, but not the warnings.
    const viewed = await read(res.body.id, callers.headers.viewer);
    expect(viewed.one).toMatchObject(withheld);
    expect(viewed.listed).toMatchObject(withheld);
    expect(JSON.stringify(viewed)).not.toContain(servedIn);
  });

  it('an aggregator’s API key and its members learn nothing either', async () => {
    const admin = callers.headers.admin;
    const key = expectStatus(
      await api.http
        .post(`/api/v1/aggregators/${callers.aggregatorId}/api-keys`)
        .set(admin)
        .send({ name: 'oracle probe' }),
      201,
      'api key',
    ).body.key as string;
    const c = await claimedAllocation(api, {
      quantity: 5,
      spec: { deliveryMode: 'aggregator', aggregatorId: callers.aggregatorId },
    });
    const res = await api.http
      .post('/api/v1/handovers')
      .set({ 'x-api-key': key })
      .send(handoverBody(region, [{ allocationId: c.allocationId, quantity: 5 }], { recipients }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject(withheld);
    expect(JSON.stringify(res.body)).not.toContain(servedIn);
    expect(await storedWarnings(res.body.id)).toEqual(warning());

    for (const headers of [{ 'x-api-key': key }, callers.headers.aggregator, callers.headers.owner]) {
      const seen = await read(res.body.id, headers);
      expect(seen.one).toMatchObject(withheld);
      expect(seen.listed).toMatchObject(withheld);
    }
    const operator = await read(res.body.id, callers.headers.operator);
    expect(operator.one).toMatchObject({ duplicateWarnings: warning(), duplicateWarningsWithheld: false });
  });

  it('keeps the warnings out of the events that feed webhooks and notifications', async () => {
    const c = await claimedAllocation(api, { quantity: 5 });
    const res = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: c.allocationId, quantity: 5 }], { recipients }),
      await api.tokenFor('collaborator'),
    );
    expect(res.status).toBe(201);
    const events = await api.ds.query(`SELECT type, payload FROM outbox_events WHERE aggregate_id = $1`, [
      res.body.id,
    ]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['handover.submitted']);
    const text = JSON.stringify(events);
    expect(text).not.toContain(servedIn);
    expect(text).not.toMatch(/duplicate/i);
    // Verified with the warning acknowledged (and kept on the record): the submitter still sees none.
    const verified = await verifyHandover(api, res.body.id, { acknowledgeDuplicates: true });
    expect(verified.status).toBe(200);
    const after = await read(res.body.id, auth(await api.tokenFor('collaborator')));
    expect(after.one).toMatchObject(withheld);
  });
});
