import {
  auth,
  claimedAllocation,
  deliveryRegion,
  demoAggregatorId,
  handoverBody,
  insertCollaborator,
  submittedHandover,
  verifyHandover,
} from '@ksbb/testing/api';
import { startTestApi, TestApi } from '../../test/harness';

interface Entry {
  action: string;
  actor: {
    kind: string;
    id: string | null;
    name: string | null;
    role: string | null;
    aggregator: { id: string; name: string | null } | null;
  };
  object: { type: string; id: string | null; label: string | null; link: string | null };
}

/** Today's date in WIB, and the day before. */
const wibDay = (offsetDays = 0) =>
  new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('audit log: who did what to which object', () => {
  let api: TestApi;
  let operator: Record<string, string>;
  let admin: Record<string, string>;
  let operatorUser: { id: string; name: string };

  beforeAll(async () => {
    api = await startTestApi();
    operator = auth(await api.tokenFor('operator'));
    admin = auth(await api.tokenFor('admin'));
    [operatorUser] = await api.ds.query(`SELECT id, name FROM users WHERE email = 'operator@demo.ksbb.id'`);
  });
  afterAll(() => api.close());

  const entries = async (query: string, who = operator): Promise<Entry[]> => {
    const res = await api.http.get(`/api/v1/audit?${query}`).set(who);
    expect(res.status).toBe(200);
    return res.body.data;
  };

  it('an operator verifies a collaborator; its history names that operator and labels the organisation', async () => {
    const collaborator = await insertCollaborator(api.ds, 'pending');
    const verified = await api.http.post(`/api/v1/collaborators/${collaborator.id}/verify`).set(operator);
    expect(verified.status).toBe(200);

    const [entry] = await entries(`entity=collaborator&entityId=${collaborator.id}`);
    expect(entry).toMatchObject({
      action: 'collaborator.verified',
      actor: {
        kind: 'user',
        id: operatorUser.id,
        name: operatorUser.name,
        role: 'operator',
        aggregator: null,
      },
      object: { type: 'collaborator', id: collaborator.id, label: collaborator.name },
    });
    expect(entry.object.link).toBe(`/collaborators?q=${encodeURIComponent(collaborator.name)}`);
    // the actor filter finds it too
    const mine = await entries(`actorId=${operatorUser.id}&action=collaborator.verified`);
    expect(mine.map((e) => e.object.id)).toContain(collaborator.id);
  });

  it('a verified BAST is labelled by its number, with the operator who verified it', async () => {
    const handover = await submittedHandover(api, { quantity: 2 });
    expect((await verifyHandover(api, handover.id)).status).toBe(200);
    const list = await entries(`entity=handover&entityId=${handover.id}&action=handover.verified`);
    expect(list).toEqual([
      expect.objectContaining({
        action: 'handover.verified',
        actor: expect.objectContaining({ name: operatorUser.name, role: 'operator' }),
        object: {
          type: 'handover',
          id: handover.id,
          label: handover.bastNumber,
          link: `/handovers/${handover.id}`,
        },
      }),
    ]);
    // the commitment it completed is labelled by its KOM number
    const [{ number }] = await api.ds.query(`SELECT number FROM commitments WHERE id = $1`, [
      handover.commitmentId,
    ]);
    const [created] = await entries(
      `entity=commitment&entityId=${handover.commitmentId}&action=commitment.created`,
    );
    expect(created.object).toEqual({
      type: 'commitment',
      id: handover.commitmentId,
      label: number,
      link: `/commitments/${handover.commitmentId}`,
    });
  });

  it('an API key’s action names the key and its aggregator', async () => {
    const aggregatorId = await demoAggregatorId(api.ds);
    const [{ name: aggregatorName }] = await api.ds.query(`SELECT name FROM aggregators WHERE id = $1`, [
      aggregatorId,
    ]);
    const key = await api.http
      .post(`/api/v1/aggregators/${aggregatorId}/api-keys`)
      .set(admin)
      .send({ name: '=SUM(1,1) Sistem distribusi' });
    expect(key.status).toBe(201);
    const claimed = await claimedAllocation(api, {
      quantity: 2,
      spec: { deliveryMode: 'aggregator', aggregatorId },
    });
    const submitted = await api.http
      .post('/api/v1/handovers')
      .set('x-api-key', key.body.key)
      .send(
        handoverBody(await deliveryRegion(api.ds), [{ allocationId: claimed.allocationId, quantity: 2 }]),
      );
    expect(submitted.status).toBe(201);

    const [entry] = await entries(`entity=handover&entityId=${submitted.body.id}&action=handover.submitted`);
    expect(entry.actor).toEqual({
      kind: 'api_key',
      id: key.body.id,
      name: '=SUM(1,1) Sistem distribusi',
      role: 'aggregator',
      aggregator: { id: aggregatorId, name: aggregatorName },
    });

    // …and the CSV export defuses the name a spreadsheet would run as a formula
    const csv = await api.http
      .get(`/api/v1/audit/export.csv?entity=handover&entityId=${submitted.body.id}`)
      .set(operator)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'at_wib,actor_kind,actor_id,actor_name,actor_role,actor_aggregator,action,object_type,object_id,object_label,ip,request_id',
    );
    const submittedLine = lines.find((l) => l.includes(',handover.submitted,'));
    expect(submittedLine).toContain(`,"'=SUM(1,1) Sistem distribusi",aggregator,`);
    expect(submittedLine).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00,api_key,/);
    expect(lines.slice(1).some((l) => /(^|,)=/.test(l))).toBe(false);
  });

  it('records a login against the account that logged in', async () => {
    const [{ id: viewerId, name }] = await api.ds.query(
      `SELECT id, name FROM users WHERE email = 'viewer@demo.ksbb.id'`,
    );
    await api.login('viewer@demo.ksbb.id');
    const [login] = await entries(`entity=user&entityId=${viewerId}&action=auth.login`, admin);
    expect(login.actor).toEqual({ kind: 'user', id: viewerId, name, role: 'viewer', aggregator: null });
    expect(login.object).toMatchObject({ type: 'user', id: viewerId, label: 'viewer@demo.ksbb.id' });
    // an operator sees who logged in, but not the account's email or before → after
    const [seenByOperator] = await api.http
      .get(`/api/v1/audit?entity=user&entityId=${viewerId}&action=auth.login`)
      .set(operator)
      .then((r) => r.body.data);
    expect(seenByOperator.actor.name).toBe(name);
    expect(seenByOperator.object.label).toBeNull();
    const anonymousLogins = await api.ds.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login' AND actor_kind = 'anonymous'`,
    );
    expect(anonymousLogins[0].n).toBe(0);
  });

  it('filters by action and by a date range in WIB, and refuses malformed filters (400)', async () => {
    const today = wibDay();
    const yesterday = wibDay(-1);
    const verified = await entries(`action=collaborator.verified&from=${today}&to=${today}`);
    expect(verified.length).toBeGreaterThan(0);
    expect(new Set(verified.map((e) => e.action))).toEqual(new Set(['collaborator.verified']));
    expect(await entries(`action=collaborator.verified&to=${yesterday}`)).toEqual([]);
    expect(await entries(`action=collaborator.verified&from=${wibDay(1)}`)).toEqual([]);
    // a date-time without offset is WIB: 00:00 today WIB is 17:00Z yesterday
    expect((await entries(`action=collaborator.verified&from=${today}T00:00`)).length).toBe(verified.length);
    for (const bad of ['action=nope', 'entity=secrets', 'from=yesterday', 'actorId=42', 'to=2026-13-45']) {
      const res = await api.http.get(`/api/v1/audit?${bad}`).set(operator);
      expect({ bad, status: res.status, type: res.headers['content-type'] }).toEqual({
        bad,
        status: 400,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
    }
    expect((await api.http.get('/api/v1/audit/export.csv?action=nope').set(operator)).status).toBe(400);
    // a value the database cannot store fails before the file starts, as a problem, not as a cut-off download
    for (const path of ['/api/v1/audit', '/api/v1/audit/export.csv']) {
      const res = await api.http.get(`${path}?entity=package&entityId=%F4%8F%BF%AC%02%00`).set(operator);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('is closed to viewers', async () => {
    expect((await api.http.get('/api/v1/audit').set(auth(await api.tokenFor('viewer')))).status).toBe(403);
    expect(
      (await api.http.get('/api/v1/audit/export.csv').set(auth(await api.tokenFor('viewer')))).status,
    ).toBe(403);
  });
});
