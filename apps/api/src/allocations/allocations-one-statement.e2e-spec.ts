import { Client } from 'pg';
import { AllocationsService, AllocationView, OutboxService, SYSTEM_PRINCIPAL } from '@ksbb/core';
import { startTestApi, TestApi } from '../../test/harness';
import { approvedCommitment, auth, claim, insertNeed, needRow, newDonor, submittedCommitment } from '@ksbb/testing/api';

/** What `tx.audit` wrote for a view: every field, Dates as ISO strings. */
const asAudited = (view: AllocationView): Record<string, unknown> =>
  Object.fromEntries(Object.entries(view).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));

/**
 * A claim and a release are each one SQL statement (ksbb_claim / ksbb_release): one round trip, no transaction
 * of many statements, and the same audit row, outbox event and after-commit hand-off to the queue as before.
 */
describe('allocations in one statement', () => {
  let api: TestApi;
  let donor: Record<string, string>;
  let views: AllocationsService;
  /** The SQL the API sent while `during` ran (every query of every pooled connection). */
  let sent: string[] | null = null;

  beforeAll(async () => {
    api = await startTestApi();
    donor = auth(await api.tokenFor('collaborator'));
    views = api.app.get(AllocationsService);
    // At the driver: TypeORM's queries and the named (prepared) statements sent straight to the pool alike.
    const query = Client.prototype.query as (...args: unknown[]) => unknown;
    jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
      const q = args[0] as string | { text: string };
      sent?.push(typeof q === 'string' ? q : q.text);
      return query.apply(this, args);
    } as never);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await api.close();
  });

  async function recording<T>(during: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
    sent = [];
    try {
      const result = await during();
      return { result, sql: sent };
    } finally {
      sent = null;
    }
  }

  /** The statements of the claim/release itself: anything touching its tables or a transaction. */
  const ofTheFlow = (sql: string[]) =>
    sql.filter((s) =>
      /\b(allocations|needs|commitments|commitment_items|collaborators|audit_log|outbox_events|ksbb_claim|ksbb_release)\b|^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i.test(
        s,
      ),
    );

  it('claims in exactly one statement, and writes the audit row and event tx.audit/tx.emit wrote, relayed after it', async () => {
    const relay = jest.spyOn(api.app.get(OutboxService), 'relayAfterCommit');
    const needId = await insertNeed(api.ds, { quantity: 10 });
    const commitment = await approvedCommitment(api);
    const { result: res, sql } = await recording(() =>
      api.http
        .post('/api/v1/allocations')
        .set(donor)
        .set('x-request-id', 'claim-1rt-0001')
        .set('user-agent', 'one-statement-test')
        .send({ commitmentId: commitment.id, needId, quantity: 3 }),
    );
    expect(res.status).toBe(201);
    expect(ofTheFlow(sql)).toEqual([expect.stringMatching(/FROM ksbb_claim\(/)]);

    const view = await views.get(res.body.id, SYSTEM_PRINCIPAL);
    expect(view).not.toBeNull();
    expect(res.body).toMatchObject({ id: view?.id, expiresAt: view?.expiresAt.toISOString(), version: 1 });
    const [audit] = await api.ds.query(
      `SELECT actor_id, actor_kind, actor_role, entity, entity_id, before, after, ip, user_agent, request_id
         FROM audit_log WHERE action = 'allocation.reserved' AND entity_id = $1`,
      [res.body.id],
    );
    const [user] = await api.ds.query(`SELECT id FROM users WHERE email = 'donor@demo.ksbb.id'`);
    expect(audit).toEqual({
      actor_id: user.id,
      actor_kind: 'user',
      actor_role: 'collaborator',
      entity: 'allocation',
      entity_id: res.body.id,
      before: null,
      after: asAudited(view as AllocationView),
      ip: expect.any(String),
      user_agent: 'one-statement-test',
      request_id: 'claim-1rt-0001',
    });
    const events = await api.ds.query(
      `SELECT id::text, type, payload, actor_id FROM outbox_events WHERE aggregate_type = 'allocation' AND aggregate_id = $1`,
      [res.body.id],
    );
    expect(events).toEqual([
      {
        id: expect.any(String),
        type: 'allocation.reserved',
        actor_id: user.id,
        payload: {
          allocationId: res.body.id,
          commitmentId: commitment.id,
          needId,
          quantity: 3,
          status: 'reserved',
          expiresAt: view?.expiresAt.toISOString(),
          collaboratorId: view?.collaboratorId,
          aggregatorId: null,
        },
      },
    ]);
    expect(relay).toHaveBeenCalledWith([events[0].id]);
    expect(await needRow(api.ds, needId)).toMatchObject({ allocated: 3, reserved: 3 });
  });

  it('releases in exactly one statement, with the before/after audit and the event with its reason', async () => {
    const needId = await insertNeed(api.ds, { quantity: 4 });
    const commitment = await approvedCommitment(api);
    const held = await claim(api, { commitmentId: commitment.id, needId, quantity: 4 });
    const before = await views.get(String(held.body.id), SYSTEM_PRINCIPAL);
    const { result: res, sql } = await recording(() =>
      api.http.post(`/api/v1/allocations/${held.body.id}/release`).set(donor).send({ reason: 'salah alamat' }),
    );
    expect(res.status).toBe(200);
    expect(ofTheFlow(sql)).toEqual([expect.stringMatching(/FROM ksbb_release\(/)]);
    const after = await views.get(String(held.body.id), SYSTEM_PRINCIPAL);
    expect(after).toMatchObject({ status: 'released', endReason: 'salah alamat', version: 2 });
    expect(res.body).toMatchObject({ status: 'released', endedAt: after?.endedAt?.toISOString(), version: 2 });
    const [audit] = await api.ds.query(
      `SELECT before, after FROM audit_log WHERE action = 'allocation.released' AND entity_id = $1`,
      [held.body.id],
    );
    expect(audit).toEqual({ before: asAudited(before as AllocationView), after: asAudited(after as AllocationView) });
    const [event] = await api.ds.query(
      `SELECT payload FROM outbox_events WHERE type = 'allocation.released' AND aggregate_id = $1`,
      [held.body.id],
    );
    expect(event.payload).toEqual({
      allocationId: held.body.id,
      commitmentId: commitment.id,
      needId,
      quantity: 4,
      status: 'released',
      expiresAt: after?.expiresAt.toISOString(),
      collaboratorId: after?.collaboratorId,
      aggregatorId: null,
      reason: 'salah alamat',
    });
    expect(await needRow(api.ds, needId)).toEqual({ quantity: 4, allocated: 0, status: 'open', reserved: 0 });
  });

  it('answers every refusal as before, in one statement that leaves nothing behind', async () => {
    const needId = await insertNeed(api.ds, { quantity: 5 });
    const small = await approvedCommitment(api, {
      items: [{ packageCode: 'SEMBAKO', quantity: 2, unitValue: 200_000 }],
    });
    const submitted = await submittedCommitment(api);
    const draftNeed = await insertNeed(api.ds, { quantity: 5, status: 'draft' });
    const stranger = auth((await newDonor(api)).token);
    const operator = auth(await api.tokenFor('operator'));
    const body = (b: Record<string, unknown>) => ({ commitmentId: small.id, needId, quantity: 1, ...b });
    const cases: [string, Record<string, string>, Record<string, unknown>, number, string | RegExp][] = [
      ['need short', donor, body({ quantity: 6 }), 409, 'only 5 left on the need; 6 requested'],
      ['item short', donor, body({ quantity: 3 }), 409, 'only 2 left on the commitment item; 3 requested'],
      [
        'unapproved commitment',
        donor,
        body({ commitmentId: submitted.id }),
        409,
        'the commitment is submitted; only approved commitments can claim needs',
      ],
      ['draft need for a collaborator', donor, body({ needId: draftNeed }), 404, `need ${draftNeed} was not found`],
      ['another collaborator', stranger, body({}), 404, `commitment ${small.id} was not found`],
      // Staff see drafts: for them a draft need exists but is not open.
      [
        'draft need for staff',
        operator,
        body({ needId: draftNeed }),
        409,
        'the need is draft; only open needs can be claimed',
      ],
    ];
    for (const [name, who, payload, status, detail] of cases) {
      const { result: res, sql } = await recording(() =>
        api.http.post('/api/v1/allocations').set(who).send(payload),
      );
      expect({ name, status: res.status, detail: res.body.detail, type: res.headers['content-type'] }).toEqual({
        name,
        status,
        detail: typeof detail === 'string' ? detail : expect.stringMatching(detail),
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect({ name, flow: ofTheFlow(sql) }).toEqual({ name, flow: [expect.stringMatching(/ksbb_claim/)] });
    }
    await api.ds.query(`UPDATE collaborators SET status = 'suspended' WHERE id = (SELECT collaborator_id FROM commitments WHERE id = $1)`, [small.id]);
    try {
      const res = await api.http.post('/api/v1/allocations').set(donor).send(body({}));
      expect([res.status, res.body.detail]).toEqual([
        409,
        'the collaborator is suspended; only verified collaborators can claim needs',
      ]);
    } finally {
      await api.ds.query(`UPDATE collaborators SET status = 'verified' WHERE id = (SELECT collaborator_id FROM commitments WHERE id = $1)`, [small.id]);
    }
    expect(await needRow(api.ds, needId)).toEqual({ quantity: 5, allocated: 0, status: 'open', reserved: 0 });
    const [{ n }] = await api.ds.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'allocation.reserved' AND after->>'needId' = $1`,
      [needId],
    );
    expect(n).toBe(0);
    const [item] = await api.ds.query(`SELECT allocated_quantity FROM commitment_items WHERE commitment_id = $1`, [
      small.id,
    ]);
    expect(item.allocated_quantity).toBe(0);
  });

  it('refuses a release the way it did: not visible 404, twice 409', async () => {
    const needId = await insertNeed(api.ds, { quantity: 4 });
    const commitment = await approvedCommitment(api);
    const held = await claim(api, { commitmentId: commitment.id, needId, quantity: 1 });
    const url = `/api/v1/allocations/${held.body.id}/release`;
    const stranger = auth((await newDonor(api)).token);
    const hidden = await api.http.post(url).set(stranger).send({});
    expect([hidden.status, hidden.body.detail]).toEqual([404, `allocation ${held.body.id} was not found`]);
    expect((await api.http.post(url).set(donor).send({})).status).toBe(200);
    const twice = await api.http.post(url).set(donor).send({});
    expect([twice.status, twice.body.detail]).toEqual([
      409,
      'the allocation is released; only reserved allocations can be released',
    ]);
    expect(await needRow(api.ds, needId)).toEqual({ quantity: 4, allocated: 0, status: 'open', reserved: 0 });
  });
});
