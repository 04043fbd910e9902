import { newUser } from '@ksbb/testing';
import { startTestApi, TestApi } from '../../test/harness';
import {
  approvedCommitment,
  auth,
  claim,
  commitmentBody,
  demoAggregatorId,
  donorCollaboratorId,
  draftCommitment,
  insertCollaborator,
  insertNeed,
  SIGNATURE,
  submittedCommitment,
} from '@ksbb/testing/api';

type Caller =
  | 'anonymous'
  | 'owner'
  | 'otherCollaborator'
  | 'routedAggregator'
  | 'routedApiKey'
  | 'otherAggregator'
  | 'viewer'
  | 'operator'
  | 'admin';
const CALLERS: Caller[] = [
  'anonymous',
  'owner',
  'otherCollaborator',
  'routedAggregator',
  'routedApiKey',
  'otherAggregator',
  'viewer',
  'operator',
  'admin',
];

interface Route {
  method: 'get' | 'post';
  path: string;
  body?: object;
  /** expected status per caller; anonymous is always 401 */
  expect: Partial<Record<Caller, number>>;
}

const READ = {
  owner: 200,
  otherCollaborator: 404,
  routedAggregator: 200,
  routedApiKey: 200,
  otherAggregator: 404,
  viewer: 200,
  operator: 200,
  admin: 200,
};
/** Owner-or-staff actions on an object in a state that refuses them, so nothing changes: 409 means "got through". */
const OWNER_OR_STAFF = {
  owner: 409,
  otherCollaborator: 404,
  routedAggregator: 403,
  routedApiKey: 403,
  otherAggregator: 403,
  viewer: 403,
  operator: 409,
  admin: 409,
};
const STAFF_ONLY = {
  owner: 403,
  otherCollaborator: 403,
  routedAggregator: 403,
  routedApiKey: 403,
  otherAggregator: 403,
  viewer: 403,
  operator: 409,
  admin: 409,
};

describe('commitments and allocations: who may do what', () => {
  let api: TestApi;
  const headers = new Map<Caller, Record<string, string>>();

  beforeAll(async () => {
    api = await startTestApi();
    headers.set('anonymous', {});
    headers.set('owner', auth(await api.tokenFor('collaborator')));
    headers.set('routedAggregator', auth(await api.tokenFor('aggregator')));
    headers.set('viewer', auth(await api.tokenFor('viewer')));
    headers.set('operator', auth(await api.tokenFor('operator')));
    headers.set('admin', auth(await api.tokenFor('admin')));
    const other = await insertCollaborator(api.ds);
    const otherMember = await newUser(api.ds, 'collaborator', { collaboratorId: other.id });
    headers.set(
      'otherCollaborator',
      auth((await api.login(otherMember.email, otherMember.password)).accessToken),
    );
    const otherAggregator = await newUser(api.ds, 'aggregator');
    headers.set(
      'otherAggregator',
      auth((await api.login(otherAggregator.email, otherAggregator.password)).accessToken),
    );
    const key = await api.http
      .post(`/api/v1/aggregators/${await demoAggregatorId(api.ds)}/api-keys`)
      .set(headers.get('admin') as Record<string, string>)
      .send({ name: 'access matrix' });
    expect(key.status).toBe(201);
    headers.set('routedApiKey', { 'x-api-key': key.body.key });
  });
  afterAll(() => api.close());

  it('answers every route × caller as the roles and ownership allow, and a refused call changes nothing', async () => {
    const aggregatorId = await demoAggregatorId(api.ds);
    const approved = await approvedCommitment(api, { deliveryMode: 'aggregator', aggregatorId });
    const rejected = await submittedCommitment(api, { deliveryMode: 'aggregator', aggregatorId });
    await api.http
      .post(`/api/v1/commitments/${rejected.id}/reject`)
      .set(headers.get('operator') as Record<string, string>)
      .send({ reason: 'uji' });
    const needId = await insertNeed(api.ds, { quantity: 10 });
    const held = await claim(api, { commitmentId: approved.id, needId, quantity: 2 });
    const released = await claim(api, { commitmentId: approved.id, needId, quantity: 1 });
    await api.http
      .post(`/api/v1/allocations/${released.body.id}/release`)
      .set(headers.get('owner') as Record<string, string>);
    const closedNeed = await insertNeed(api.ds, { quantity: 10, status: 'closed' });
    const donor = await donorCollaboratorId(api.ds);

    const table: Route[] = [
      { method: 'get', path: `/api/v1/commitments/${approved.id}`, expect: READ },
      { method: 'get', path: `/api/v1/commitments/${approved.id}/form.pdf`, expect: READ },
      {
        method: 'post',
        path: `/api/v1/commitments/${approved.id}/sign`,
        body: SIGNATURE,
        expect: { ...OWNER_OR_STAFF, operator: 403, admin: 403 },
      },
      { method: 'post', path: `/api/v1/commitments/${approved.id}/approve`, expect: STAFF_ONLY },
      {
        method: 'post',
        path: `/api/v1/commitments/${approved.id}/reject`,
        body: { reason: 'uji' },
        expect: STAFF_ONLY,
      },
      { method: 'post', path: `/api/v1/commitments/${rejected.id}/cancel`, body: {}, expect: OWNER_OR_STAFF },
      {
        method: 'post',
        path: '/api/v1/commitments',
        body: commitmentBody(donor),
        expect: {
          owner: 201,
          otherCollaborator: 403,
          routedAggregator: 403,
          routedApiKey: 403,
          otherAggregator: 403,
          viewer: 403,
          operator: 201,
          admin: 201,
        },
      },
      {
        method: 'get',
        path: '/api/v1/commitments',
        expect: { ...READ, otherCollaborator: 200, otherAggregator: 200 },
      },
      { method: 'get', path: `/api/v1/allocations/${held.body.id}`, expect: READ },
      {
        method: 'get',
        path: '/api/v1/allocations',
        expect: { ...READ, otherCollaborator: 200, otherAggregator: 200 },
      },
      {
        method: 'post',
        path: `/api/v1/allocations/${released.body.id}/release`,
        body: {},
        expect: OWNER_OR_STAFF,
      },
      {
        method: 'post',
        path: '/api/v1/allocations',
        body: { commitmentId: approved.id, needId: closedNeed, quantity: 1 },
        expect: OWNER_OR_STAFF,
      },
    ];

    const failures: string[] = [];
    for (const route of table) {
      for (const caller of CALLERS) {
        let req = api.http[route.method](route.path).set(headers.get(caller) as Record<string, string>);
        if (route.body) req = req.send(route.body);
        const res = await req;
        const expected = caller === 'anonymous' ? 401 : route.expect[caller];
        if (res.status !== expected)
          failures.push(
            `${route.method.toUpperCase()} ${route.path} as ${caller}: ${res.status} ≠ ${expected}`,
          );
        if (res.status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    }
    expect(failures).toEqual([]);

    const states = await api.ds.query(
      `SELECT id, status FROM commitments WHERE id = ANY($1::uuid[]) ORDER BY status`,
      [[approved.id, rejected.id]],
    );
    expect(states.map((s: { status: string }) => s.status)).toEqual(['approved', 'rejected']);
    const [{ allocated }] = await api.ds.query(
      `SELECT allocated_quantity AS allocated FROM needs WHERE id = $1`,
      [needId],
    );
    expect(allocated).toBe(2);
  });

  it('scopes lists: another collaborator or aggregator sees none of these, the routed aggregator only its own', async () => {
    const aggregatorId = await demoAggregatorId(api.ds);
    const routed = await approvedCommitment(api, { deliveryMode: 'aggregator', aggregatorId });
    const direct = await approvedCommitment(api);
    const needId = await insertNeed(api.ds, { quantity: 10 });
    await claim(api, { commitmentId: routed.id, needId, quantity: 1 });
    await claim(api, { commitmentId: direct.id, needId, quantity: 1 });
    const ids = async (caller: Caller, path: string): Promise<string[]> => {
      const res = await api.http.get(path).set(headers.get(caller) as Record<string, string>);
      expect(res.status).toBe(200);
      return res.body.data.map((x: { id: string; commitmentId?: string }) => x.commitmentId ?? x.id);
    };
    for (const caller of ['otherCollaborator', 'otherAggregator'] as Caller[]) {
      expect(await ids(caller, '/api/v1/commitments?limit=100')).toEqual([]);
      expect(await ids(caller, `/api/v1/allocations?needId=${needId}`)).toEqual([]);
    }
    for (const caller of ['routedAggregator', 'routedApiKey'] as Caller[]) {
      const commitments = await ids(caller, '/api/v1/commitments?limit=100');
      expect(commitments).toContain(routed.id);
      expect(commitments).not.toContain(direct.id);
      expect(await ids(caller, `/api/v1/allocations?needId=${needId}`)).toEqual([routed.id]);
    }
    expect((await ids('viewer', `/api/v1/allocations?needId=${needId}`)).sort()).toEqual(
      [routed.id, direct.id].sort(),
    );
  });

  it('refuses every illegal commitment transition with 409 and a reason', async () => {
    const operator = headers.get('operator') as Record<string, string>;
    const owner = headers.get('owner') as Record<string, string>;
    const inState = async (status: string): Promise<string> => {
      if (status === 'draft') return (await draftCommitment(api)).id;
      if (status === 'submitted') return (await submittedCommitment(api)).id;
      const { id } = await approvedCommitment(api);
      if (status === 'rejected' || status === 'cancelled' || status === 'completed') {
        await api.ds.query(`UPDATE commitments SET status = $2 WHERE id = $1`, [id, status]);
      }
      return id;
    };
    const act = (action: string, id: string) => {
      switch (action) {
        case 'sign':
          return api.http.post(`/api/v1/commitments/${id}/sign`).set(owner).send(SIGNATURE);
        case 'approve':
          return api.http.post(`/api/v1/commitments/${id}/approve`).set(operator);
        case 'reject':
          return api.http.post(`/api/v1/commitments/${id}/reject`).set(operator).send({ reason: 'uji' });
        default:
          return api.http.post(`/api/v1/commitments/${id}/cancel`).set(owner).send({});
      }
    };
    const illegal: [string, string, RegExp][] = [
      ['sign', 'submitted', /only a draft commitment can be signed/],
      ['sign', 'approved', /the commitment is approved/],
      ['sign', 'rejected', /the commitment is rejected/],
      ['sign', 'cancelled', /the commitment is cancelled/],
      ['approve', 'draft', /the commitment is draft; only submitted commitments can be approved/],
      ['approve', 'approved', /the commitment is approved/],
      ['approve', 'rejected', /the commitment is rejected/],
      ['approve', 'cancelled', /the commitment is cancelled/],
      ['approve', 'completed', /the commitment is completed/],
      ['reject', 'draft', /only submitted commitments can be rejected/],
      ['reject', 'approved', /the commitment is approved/],
      ['reject', 'rejected', /the commitment is rejected/],
      ['cancel', 'completed', /the commitment is completed; only draft, submitted or approved/],
      ['cancel', 'cancelled', /the commitment is cancelled/],
      ['cancel', 'rejected', /the commitment is rejected/],
    ];
    const failures: string[] = [];
    for (const [action, status, detail] of illegal) {
      const id = await inState(status);
      const res = await act(action, id);
      if (
        res.status !== 409 ||
        !detail.test(res.body.detail) ||
        !/problem\+json/.test(res.headers['content-type'])
      ) {
        failures.push(`${action} from ${status}: ${res.status} ${res.body.detail}`);
      }
      const [row] = await api.ds.query(`SELECT status FROM commitments WHERE id = $1`, [id]);
      if (row.status !== status) failures.push(`${action} from ${status} changed it to ${row.status}`);
    }
    expect(failures).toEqual([]);
    // The legal ones, for contrast: draft → cancelled, submitted → cancelled, approved → cancelled.
    for (const status of ['draft', 'submitted', 'approved']) {
      expect((await act('cancel', await inState(status))).body.status).toBe('cancelled');
    }
  });

  it('refuses to release an allocation that is no longer reserved', async () => {
    const owner = headers.get('owner') as Record<string, string>;
    const commitment = await approvedCommitment(api, {
      items: [{ packageCode: 'SEMBAKO', quantity: 50, unitValue: 200_000 }],
    });
    const needId = await insertNeed(api.ds, { quantity: 20 });
    const failures: string[] = [];
    for (const status of ['released', 'expired', 'delivered', 'partially_delivered']) {
      const { body } = await claim(api, { commitmentId: commitment.id, needId, quantity: 1 });
      await api.ds.query(`UPDATE allocations SET status = $2 WHERE id = $1`, [body.id, status]);
      const res = await api.http.post(`/api/v1/allocations/${body.id}/release`).set(owner).send({});
      if (
        res.status !== 409 ||
        !res.body.detail.includes(`the allocation is ${status}; only reserved allocations can be released`)
      ) {
        failures.push(`release from ${status}: ${res.status} ${res.body.detail}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
