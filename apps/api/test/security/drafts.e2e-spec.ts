import { randomUUID } from 'node:crypto';
import { approvedCommitment, claim, createNeed } from '@ksbb/testing/api';
import { startTestApi, TestApi } from '../harness';
import { Caller, Callers, expectStatus, isProblem, setupCallers } from './support';

/**
 * A draft need is Pokja's work in progress. Collaborators, aggregators (members and API keys) are told it does not
 * exist: 404 when they address it (a read, a claim) and never a row in a list, a search, a status filter or a map
 * box. Staff (admin, operator) and the read-only internal viewer see it.
 */
const PARTNERS: Caller[] = [
  'owner',
  'foreignCollaborator',
  'aggregator',
  'foreignAggregator',
  'foreignApiKey',
];
const INTERNAL: Caller[] = ['admin', 'operator', 'viewer'];
const TITLE = 'Draf rahasia sembako RT 009';

describe('draft needs are for staff only', () => {
  let api: TestApi;
  let callers: Callers;
  let draft: string;
  let open: string;

  beforeAll(async () => {
    api = await startTestApi();
    callers = await setupCallers(api);
    draft = (await createNeed(api, { title: TITLE, quantity: 10 })).id;
    open = (await createNeed(api, { title: TITLE, quantity: 10 })).id;
    expectStatus(
      await api.http.post(`/api/v1/needs/${open}/publish`).set(callers.headers.operator),
      200,
      'publish',
    );
  });
  afterAll(() => api.close());

  const get = (caller: Caller, path: string) => api.http.get(path).set(callers.headers[caller]);
  const ids = (body: { data: { id: string }[] }) => body.data.map((n) => n.id);

  it.each(PARTNERS)('%s gets the same 404 for a draft as for a need that does not exist', async (caller) => {
    const res = await get(caller, `/api/v1/needs/${draft}`);
    expect(res.status).toBe(404);
    expect(isProblem(res)).toBe(true);
    const missing = randomUUID();
    const none = await get(caller, `/api/v1/needs/${missing}`);
    expect(JSON.stringify(res.body).replaceAll(draft, 'ID')).toEqual(
      JSON.stringify(none.body).replaceAll(missing, 'ID'),
    );
    expect((await get(caller, `/api/v1/needs/${open}`)).status).toBe(200);
  });

  it.each(PARTNERS)(
    '%s never finds a draft in a list, a search, a status filter or a map box',
    async (caller) => {
      const queries = [
        '/api/v1/needs?limit=100',
        `/api/v1/needs?limit=100&q=${encodeURIComponent(TITLE)}`,
        '/api/v1/needs?limit=100&status=draft',
        '/api/v1/needs?limit=100&status=draft&status=open',
        '/api/v1/needs?limit=100&program=PANGAN&package=SEMBAKO&region=31.71',
        '/api/v1/needs?limit=100&bbox=106.7,-6.3,106.9,-6.1',
        '/api/v1/needs?limit=100&sort=-createdAt',
      ];
      for (const query of queries) {
        const res = await get(caller, query);
        expect({ query, status: res.status }).toEqual({ query, status: 200 });
        expect(ids(res.body)).not.toContain(draft);
        expect(res.body.data.filter((n: { status: string }) => n.status === 'draft')).toEqual([]);
      }
      const searched = await get(caller, `/api/v1/needs?limit=100&q=${encodeURIComponent(TITLE)}`);
      expect(ids(searched.body)).toEqual([open]);
      expect(searched.body.meta.total).toBe(1);
      const drafts = await get(caller, '/api/v1/needs?limit=100&status=draft');
      expect(drafts.body).toMatchObject({ data: [], meta: { total: 0 } });
    },
  );

  it('answers a claim on a draft with 404, as for a need that does not exist', async () => {
    const commitment = await approvedCommitment(api, {
      items: [{ packageCode: 'SEMBAKO', quantity: 10, unitValue: 250_000 }],
    });
    const onDraft = await claim(api, { commitmentId: commitment.id, needId: draft, quantity: 1 });
    expect(onDraft.status).toBe(404);
    const onMissing = await claim(api, { commitmentId: commitment.id, needId: randomUUID(), quantity: 1 });
    expect(onMissing.status).toBe(404);
    const [{ count }] = await api.ds.query(
      `SELECT count(*)::int AS count FROM allocations WHERE need_id = $1`,
      [draft],
    );
    expect(count).toBe(0);
  });

  it.each(INTERNAL)('%s sees the draft, alone and in lists', async (caller) => {
    const res = await get(caller, `/api/v1/needs/${draft}`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('draft');
    const drafts = await get(caller, `/api/v1/needs?limit=100&status=draft&q=${encodeURIComponent(TITLE)}`);
    expect(ids(drafts.body)).toEqual([draft]);
    const all = await get(caller, `/api/v1/needs?limit=100&q=${encodeURIComponent(TITLE)}`);
    expect(ids(all.body).sort()).toEqual([draft, open].sort());
  });

  it('keeps drafts out of the public needs and map', async () => {
    for (const path of ['/api/v1/public/needs?limit=100', '/api/v1/public/needs/map']) {
      const res = await api.http.get(path);
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(draft);
    }
  });
});
