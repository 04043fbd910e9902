import { newCollaborator, newUser } from '@ksbb/testing';
import { startTestApi, TestApi } from '../../test/harness';
import { allocateBySql, createNeed, organisationOf, RT_JAKPUS, RT_JAKUT } from '@ksbb/testing/api';

interface Listed {
  id: string;
  title: string;
  contact: unknown;
}

/** Fixture needs are titled "Filtertes <letter> …". */
const letterOf = (n: Listed): string => n.title.split(' ')[1];

describe('needs: list and contact visibility', () => {
  let api: TestApi;
  let operator: Record<string, string>;
  const ids: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
  let donor: { collaboratorId: string | null; aggregatorId: string | null };
  let aggregator: { collaboratorId: string | null; aggregatorId: string | null };

  beforeAll(async () => {
    api = await startTestApi();
    operator = { authorization: `Bearer ${await api.tokenFor('operator')}` };
    const lifecycle = (id: string, name: string) =>
      api.http.post(`/api/v1/needs/${id}/${name}`).set(operator);
    ids.A = (
      await createNeed(api, {
        title: 'Filtertes A sembako',
        quantity: 10,
        regionCode: RT_JAKPUS,
        location: { lon: 106.8208, lat: -6.1828 },
        dueDate: '2021-01-10',
      })
    ).id;
    ids.B = (
      await createNeed(api, {
        title: 'Filtertes B LEBARAN',
        packageCode: 'PAKET_LEBARAN',
        quantity: 30,
        regionCode: '31.71.01.1001.RW01.RT002',
        location: { lon: 106.8225, lat: -6.1834 },
        dueDate: '2021-02-10',
      })
    ).id;
    ids.C = (
      await createNeed(api, {
        title: 'Filtertes C gawai',
        programCode: 'PENDIDIKAN',
        packageCode: 'GAWAI_SISWA',
        quantity: 20,
        regionCode: '31.71',
        location: null,
        dueDate: null,
      })
    ).id;
    ids.D = (
      await createNeed(api, {
        title: 'Filtertes D sembako',
        quantity: 4,
        regionCode: RT_JAKUT,
        location: { lon: 106.9, lat: -6.12 },
        dueDate: '2021-03-10',
      })
    ).id;
    for (const id of [ids.A, ids.C, ids.D]) await lifecycle(id, 'publish');
    await lifecycle(ids.D, 'close');
    await api.ds.query(`UPDATE needs SET allocated_quantity = 15 WHERE id = $1`, [ids.C]);
    donor = await organisationOf(api.ds, 'donor@demo.ksbb.id');
    aggregator = await organisationOf(api.ds, 'aggregator@demo.ksbb.id');
  });
  afterAll(() => api.close());

  const list = async (query: string, role: Parameters<TestApi['tokenFor']>[0] = 'viewer') =>
    api.http.get(`/api/v1/needs?${query}`).set({ authorization: `Bearer ${await api.tokenFor(role)}` });
  const titles = async (query: string, sort = 'title'): Promise<string[]> => {
    const res = await list(`q=Filtertes&limit=100&sort=${sort}&${query}`);
    expect(res.status).toBe(200);
    return res.body.data.map(letterOf);
  };

  describe('filters', () => {
    it('matches a region and everything under it, never a mere text prefix', async () => {
      expect(await titles('region=31.71')).toEqual(['A', 'B', 'C']);
      expect(await titles('region=31')).toEqual(['A', 'B', 'C', 'D']);
      expect(await titles(`region=${RT_JAKPUS}`)).toEqual(['A']);
      expect(await titles('region=31.71.01.1001.RW01')).toEqual(['A', 'B']);
      expect(await titles('region=31.7')).toEqual([]);
      expect((await list('region=31.71%25')).status).toBe(400);
    });

    it('filters by program, package and status (one or a list)', async () => {
      expect(await titles('program=PENDIDIKAN')).toEqual(['C']);
      expect(await titles('package=SEMBAKO')).toEqual(['A', 'D']);
      expect(await titles('status=open')).toEqual(['A', 'C']);
      expect(await titles('status=open,closed')).toEqual(['A', 'C', 'D']);
      expect(await titles('status=draft&program=PANGAN')).toEqual(['B']);
      const bad = await list('status=open,nonsense');
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('status');
    });

    it('searches titles case-insensitively and treats LIKE wildcards as text', async () => {
      const lebaran = await list('q=lebaran&sort=title');
      expect(lebaran.body.data.map(letterOf)).toEqual(['B']);
      const wildcard = await list('q=Filtertes%25sembako');
      expect(wildcard.status).toBe(200);
      expect(wildcard.body.meta.total).toBe(0);
    });

    it('filters by bounding box and refuses a malformed one', async () => {
      expect(await titles('bbox=106.82,-6.19,106.83,-6.18')).toEqual(['A', 'B']);
      expect(await titles('bbox=106.820,-6.183,106.821,-6.182')).toEqual(['A']);
      expect(await titles('bbox=106.5,-6.5,107.0,-6.0')).toEqual(['A', 'B', 'D']);
      for (const bbox of [
        'a,b,c,d',
        '106.9,-6.2,106.8,-6.1',
        '106.8,-6.1,106.9,-6.2',
        '1,2,3',
        '200,0,201,1',
        '1,2,3,4,5',
        '1,,3,4',
      ]) {
        const res = await list(`bbox=${bbox}`);
        expect(res.status).toBe(400);
        expect(res.body.errors[0].field).toBe('bbox');
      }
    });

    it('sorts by an allow-listed field either way', async () => {
      const order = async (sort: string) => (await titles('', sort)).join('');
      expect(await order('quantity')).toBe('DACB');
      expect(await order('-availableQuantity')).toBe('BACD');
      expect(await order('dueDate')).toBe('ABDC');
      expect(await order('-title')).toBe('DCBA');
      expect(await order('-createdAt')).toBe('DCBA');
      expect((await list('sort=contactPhone')).status).toBe(400);
    });

    it('paginates with total, page and limit, and caps the limit at 100', async () => {
      const res = await list('q=Filtertes&sort=title&limit=2&page=2');
      expect(res.body.meta).toEqual({ total: 4, page: 2, limit: 2 });
      expect(res.body.data.map((n: Listed) => letterOf(n))).toEqual(['C', 'D']);
      expect((await list('q=Filtertes&limit=2&page=3')).body.data).toEqual([]);
      expect((await list('limit=101')).status).toBe(400);
      expect((await list('limit=0')).status).toBe(400);
      expect((await list('page=0')).status).toBe(400);
      expect((await list('colour=red')).status).toBe(400);
    });

    it('has indexes for the region prefix, the title search and the bounding box', async () => {
      const plan = (sql: string) =>
        api.ds.transaction(async (m) => {
          await m.query('SET LOCAL enable_seqscan = off');
          const rows: { 'QUERY PLAN': string }[] = await m.query(`EXPLAIN ${sql}`);
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        });
      expect(await plan(`SELECT id FROM needs WHERE region_code LIKE '31.71.%'`)).toMatch(/ix_needs_region/);
      expect(await plan(`SELECT id FROM needs WHERE title ILIKE '%sembako%'`)).toMatch(/ix_needs_title_trgm/);
      expect(
        await plan(`SELECT id FROM needs WHERE location && ST_MakeEnvelope(106, -7, 107, -6, 4326)`),
      ).toMatch(/ix_needs_location/);
    });

    it('is open to every signed-in role, not to anonymous callers', async () => {
      for (const role of ['admin', 'operator', 'viewer', 'collaborator', 'aggregator'] as const) {
        expect((await list('limit=1', role)).status).toBe(200);
      }
      expect((await api.http.get('/api/v1/needs')).status).toBe(401);
    });
  });

  describe('contact', () => {
    const contactOf = async (id: string, headers: Record<string, string>) => {
      const res = await api.http.get(`/api/v1/needs/${id}`).set(headers);
      expect(res.status).toBe(200);
      return res.body.contact;
    };
    const bearer = async (role: Parameters<TestApi['tokenFor']>[0]) => ({
      authorization: `Bearer ${await api.tokenFor(role)}`,
    });
    const listedContacts = async (headers: Record<string, string>) => {
      const res = await api.http.get('/api/v1/needs?q=Filtertes&sort=title').set(headers);
      return Object.fromEntries(res.body.data.map((n: Listed) => [letterOf(n), n.contact !== null]));
    };

    it('shows the contact to staff and hides it from everyone without a claim', async () => {
      expect(await contactOf(ids.A, operator)).toEqual({
        name: 'Budi Santoso',
        role: 'Ketua RT 001',
        phone: '+62812345678',
      });
      expect(await contactOf(ids.A, await bearer('admin'))).not.toBeNull();
      for (const role of ['viewer', 'collaborator', 'aggregator'] as const) {
        expect(await contactOf(ids.A, await bearer(role))).toBeNull();
      }
      expect(await listedContacts(operator)).toEqual({ A: true, B: true, C: true, D: true });
      // B is a draft: partners never see it (test/security/drafts.e2e-spec.ts).
      expect(await listedContacts(await bearer('collaborator'))).toEqual({
        A: false,
        C: false,
        D: false,
      });
    });

    it('shows it to the collaborator holding an active allocation, only on that need and only while active', async () => {
      const allocationId = await allocateBySql(
        api.ds,
        ids.A,
        { collaboratorId: donor.collaboratorId as string },
        2,
      );
      const donorAuth = await bearer('collaborator');
      expect(await contactOf(ids.A, donorAuth)).toEqual({
        name: 'Budi Santoso',
        role: 'Ketua RT 001',
        phone: '+62812345678',
      });
      expect(await listedContacts(donorAuth)).toEqual({ A: true, C: false, D: false });

      const stranger = await newUser(api.ds, 'collaborator');
      const strangerAuth = { authorization: `Bearer ${(await api.login(stranger.email)).accessToken}` };
      expect(await contactOf(ids.A, strangerAuth)).toBeNull();
      expect(await contactOf(ids.A, await bearer('viewer'))).toBeNull();
      expect(await contactOf(ids.A, await bearer('aggregator'))).toBeNull();

      await api.ds.query(
        `UPDATE allocations SET status = 'delivered', delivered_quantity = quantity WHERE id = $1`,
        [allocationId],
      );
      expect(await contactOf(ids.A, donorAuth)).not.toBeNull();
      await api.ds.query(`UPDATE allocations SET status = 'released' WHERE id = $1`, [allocationId]);
      expect(await contactOf(ids.A, donorAuth)).toBeNull();
    });

    it('shows it to the aggregator a claiming commitment is routed to, by token and by API key', async () => {
      const giver = await newCollaborator(api.ds);
      await allocateBySql(
        api.ds,
        ids.C,
        { collaboratorId: giver.id, aggregatorId: aggregator.aggregatorId as string },
        1,
      );
      expect(await contactOf(ids.C, await bearer('aggregator'))).not.toBeNull();
      expect(await contactOf(ids.A, await bearer('aggregator'))).toBeNull();
      expect(await contactOf(ids.C, await bearer('collaborator'))).toBeNull();

      const issued = await api.http
        .post(`/api/v1/aggregators/${aggregator.aggregatorId}/api-keys`)
        .set(await bearer('admin'))
        .send({ name: 'needs test' });
      expect(issued.status).toBe(201);
      expect(await contactOf(ids.C, { 'x-api-key': issued.body.key })).not.toBeNull();
      const other = await newUser(api.ds, 'aggregator');
      const otherAuth = { authorization: `Bearer ${(await api.login(other.email)).accessToken}` };
      expect(await contactOf(ids.C, otherAuth)).toBeNull();
    });
  });
});
