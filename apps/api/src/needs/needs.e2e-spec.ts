import { startTestApi, TestApi } from '../../test/harness';
import { allocateBySql, createNeed, needBody, organisationOf, RT_JAKPUS } from '@ksbb/testing/api';

describe('needs: create, lifecycle, edit', () => {
  let api: TestApi;
  let operator: Record<string, string>;
  beforeAll(async () => {
    api = await startTestApi();
    operator = { authorization: `Bearer ${await api.tokenFor('operator')}` };
  });
  afterAll(() => api.close());

  const post = (body: unknown, headers = operator) =>
    api.http
      .post('/api/v1/needs')
      .set(headers)
      .send(body as object);
  const action = (id: string, name: string, headers: Record<string, string> = {}) =>
    api.http.post(`/api/v1/needs/${id}/${name}`).set({ ...operator, ...headers });

  describe('create', () => {
    it('creates a draft with names resolved, the location and the contact, and audits it', async () => {
      const body = needBody();
      const res = await post(body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        program: { code: 'PANGAN', name: expect.any(String) },
        package: { code: 'SEMBAKO', id: expect.any(String), unit: expect.any(String) },
        region: { code: RT_JAKPUS, level: 'rt', name: 'RT 001' },
        title: body.title,
        quantity: 40,
        allocatedQuantity: 0,
        deliveredQuantity: 0,
        availableQuantity: 40,
        beneficiaryCount: 40,
        status: 'draft',
        source: 'bansos',
        sourceRef: body.sourceRef,
        location: { lon: 106.8208, lat: -6.1828 },
        contact: { name: 'Budi Santoso', role: 'Ketua RT 001', phone: '+62812345678' },
        dueDate: '2021-03-31',
        publishedAt: null,
        version: 1,
      });
      const [row] = await api.ds.query(
        `SELECT status, ST_AsText(location) AS wkt, contact_phone FROM needs WHERE id = $1`,
        [res.body.id],
      );
      expect(row).toEqual({ status: 'draft', wkt: 'POINT(106.8208 -6.1828)', contact_phone: '+62812345678' });
      const audit = await api.ds.query(
        `SELECT action, after FROM audit_log WHERE entity = 'need' AND entity_id = $1`,
        [res.body.id],
      );
      expect(audit).toHaveLength(1);
      expect(audit[0].action).toBe('need.created');
      expect(JSON.stringify(audit[0].after)).not.toContain('+62812345678');
    });

    it('takes a need without location or contact', async () => {
      const res = await post(
        needBody({ location: undefined, contact: undefined, sourceRef: undefined, dueDate: undefined }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ location: null, contact: null, sourceRef: null, dueDate: null });
    });

    it.each([
      ['an unknown field', { colour: 'red' }, 'colour'],
      ['an unknown field in contact', { contact: { name: 'A', nik: '3171000000000001' } }, 'contact.nik'],
      ['a package of another program', { packageCode: 'GAWAI_SISWA' }, 'packageCode'],
      ['an unknown program', { programCode: 'NOPE' }, 'programCode'],
      ['an unknown region', { regionCode: '31.71.99' }, 'regionCode'],
      ['a region outside Jakarta', { regionCode: '32' }, 'regionCode'],
      ['a zero quantity', { quantity: 0 }, 'quantity'],
      ['a fractional quantity', { quantity: 1.5 }, 'quantity'],
      ['a quantity as text', { quantity: '12' }, 'quantity'],
      ['a longitude out of range', { location: { lon: 181, lat: -6.2 } }, 'location.lon'],
      ['a latitude out of range', { location: { lon: 106.8, lat: -91 } }, 'location.lat'],
      ['a bad due date', { dueDate: '2021-02-30x' }, 'dueDate'],
      ['no title', { title: undefined }, 'title'],
      ['a blank title', { title: '   ' }, 'title'],
    ])('refuses %s with 400 and the field', async (_, override, field) => {
      const res = await post(needBody(override));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('refuses a closed program with 400', async () => {
      await api.ds.query(
        `INSERT INTO programs (code, name, status) VALUES ('TUTUP', 'Program tutup', 'closed')`,
      );
      await api.ds.query(
        `INSERT INTO packages (program_code, code, name, unit, beneficiary_kind) VALUES ('TUTUP', 'PAKET', 'Paket', 'paket', 'household')`,
      );
      const res = await post(needBody({ programCode: 'TUTUP', packageCode: 'PAKET' }));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'programCode', message: 'program TUTUP is closed' }]);
    });

    it('answers 409 for a second need with the same (program, sourceRef)', async () => {
      const first = await createNeed(api);
      const res = await post(needBody({ sourceRef: first.sourceRef }));
      expect(res.status).toBe(409);
      expect(res.body.detail).toContain(String(first.sourceRef));
      // the same reference in another program is another need
      expect(
        (
          await post(
            needBody({ sourceRef: first.sourceRef, programCode: 'PENDIDIKAN', packageCode: 'GAWAI_SISWA' }),
          )
        ).status,
      ).toBe(201);
    });

    it('lets only staff create', async () => {
      for (const role of ['viewer', 'collaborator', 'aggregator'] as const) {
        expect((await post(needBody(), { authorization: `Bearer ${await api.tokenFor(role)}` })).status).toBe(
          403,
        );
      }
      expect(
        (await post(needBody(), { authorization: `Bearer ${await api.tokenFor('admin')}` })).status,
      ).toBe(201);
      expect((await api.http.post('/api/v1/needs').send(needBody())).status).toBe(401);
    });
  });

  describe('lifecycle', () => {
    it('publishes, closes, and says why every illegal step is refused', async () => {
      const need = await createNeed(api);
      expect((await action(need.id, 'close')).body.detail).toBe(
        'the need is draft; only open or fully allocated needs can be closed',
      );

      const published = await action(need.id, 'publish');
      expect(published.status).toBe(200);
      expect(published.body).toMatchObject({ status: 'open', version: 2 });
      expect(Date.parse(published.body.publishedAt)).not.toBeNaN();
      const again = await action(need.id, 'publish');
      expect(again.status).toBe(409);
      expect(again.body.detail).toBe('the need is already open');

      const closed = await action(need.id, 'close');
      expect(closed.body).toMatchObject({ status: 'closed', version: 3 });
      for (const [name, detail] of [
        ['publish', 'the need is closed; only draft needs can be published'],
        ['cancel', 'the need is closed; only draft, open or fully allocated needs can be cancelled'],
        ['close', 'the need is already closed'],
      ]) {
        const res = await action(need.id, name);
        expect(res.status).toBe(409);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.detail).toBe(detail);
      }
      const events = await api.ds.query(
        `SELECT type FROM outbox_events WHERE aggregate_id = $1 ORDER BY id`,
        [need.id],
      );
      expect(events.map((e: { type: string }) => e.type)).toEqual(['need.published', 'need.closed']);
      const audit = await api.ds.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [
        need.id,
      ]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'need.created',
        'need.published',
        'need.closed',
      ]);
    });

    it('cancels a draft, and a cancelled need cannot come back', async () => {
      const need = await createNeed(api);
      const res = await action(need.id, 'cancel');
      expect(res.body).toMatchObject({ status: 'cancelled' });
      expect((await action(need.id, 'publish')).body.detail).toBe(
        'the need is cancelled; only draft needs can be published',
      );
      const patch = await api.http.patch(`/api/v1/needs/${need.id}`).set(operator).send({ title: 'Lagi' });
      expect(patch.status).toBe(409);
      expect(patch.body.detail).toBe(
        'the need is cancelled; only draft, open or fully allocated needs can be changed',
      );
    });

    it('refuses to cancel a need with an active allocation, but closes it', async () => {
      const need = await createNeed(api);
      await action(need.id, 'publish');
      const donor = await organisationOf(api.ds, 'donor@demo.ksbb.id');
      await allocateBySql(api.ds, need.id, { collaboratorId: donor.collaboratorId as string }, 3);
      const res = await action(need.id, 'cancel');
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/has 1 active allocation\(s\) covering 3; they must be released/);
      expect((await api.ds.query(`SELECT status FROM needs WHERE id = $1`, [need.id]))[0].status).toBe(
        'open',
      );
      expect((await action(need.id, 'close')).body.status).toBe('closed');
    });

    it('publishes only in an open program', async () => {
      await api.ds.query(
        `INSERT INTO packages (program_code, code, name, unit, beneficiary_kind) VALUES ('TENAGA_KERJA', 'PELATIHAN_KERJA', 'Pelatihan', 'orang', 'person')`,
      );
      const need = await createNeed(api, { programCode: 'TENAGA_KERJA', packageCode: 'PELATIHAN_KERJA' });
      const res = await action(need.id, 'publish');
      expect(res.status).toBe(409);
      expect(res.body.detail).toBe('the program is draft; needs can be published only in an open program');
    });

    it('answers 404 for an unknown need and 400 for a malformed id', async () => {
      expect((await action('00000000-0000-4000-8000-000000000000', 'publish')).status).toBe(404);
      expect((await action('not-a-uuid', 'publish')).status).toBe(400);
      const viewer = { authorization: `Bearer ${await api.tokenFor('viewer')}` };
      expect(
        (await api.http.post(`/api/v1/needs/00000000-0000-4000-8000-000000000000/publish`).set(viewer))
          .status,
      ).toBe(403);
    });
  });

  describe('edit', () => {
    it('carries an ETag and refuses a stale If-Match with 412', async () => {
      const need = await createNeed(api);
      const got = await api.http.get(`/api/v1/needs/${need.id}`).set(operator);
      expect(got.headers.etag).toBe('"1"');
      const patched = await api.http
        .patch(`/api/v1/needs/${need.id}`)
        .set({ ...operator, 'if-match': '"1"' })
        .send({
          title: 'Sembako untuk 45 KK',
          quantity: 45,
          location: null,
          contact: { name: 'Siti', phone: '0215550000' },
        });
      expect(patched.status).toBe(200);
      expect(patched.headers.etag).toBe('"2"');
      expect(patched.body).toMatchObject({
        title: 'Sembako untuk 45 KK',
        quantity: 45,
        location: null,
        version: 2,
      });
      expect(patched.body.contact).toEqual({ name: 'Siti', role: null, phone: '0215550000' });

      const stale = await api.http
        .patch(`/api/v1/needs/${need.id}`)
        .set({ ...operator, 'if-match': '"1"' })
        .send({ title: 'X' });
      expect(stale.status).toBe(412);
      expect((await api.ds.query(`SELECT title, version FROM needs WHERE id = $1`, [need.id]))[0]).toEqual({
        title: 'Sembako untuk 45 KK',
        version: 2,
      });
      const audit = await api.ds.query(
        `SELECT before, after FROM audit_log WHERE action = 'need.updated' AND entity_id = $1`,
        [need.id],
      );
      expect(audit).toHaveLength(1);
      expect(audit[0].before).toMatchObject({
        title: 'Sembako untuk 40 KK di RT 001',
        quantity: 40,
        hasContact: true,
        version: 1,
      });
      expect(JSON.stringify(audit)).not.toMatch(/Siti|Budi|0215550000/);
    });

    it('refuses a quantity below what is allocated with 409, and moves between open and fully allocated', async () => {
      const need = await createNeed(api, { quantity: 10 });
      await action(need.id, 'publish');
      await api.ds.query(`UPDATE needs SET allocated_quantity = 6 WHERE id = $1`, [need.id]);
      const below = await api.http
        .patch(`/api/v1/needs/${need.id}`)
        .set(operator)
        .send({ quantity: 5, title: 'Tidak jadi' });
      expect(below.status).toBe(409);
      expect(below.body.detail).toBe(
        'quantity 5 is below the 6 already allocated to donors; it can drop to 6 at the least',
      );
      expect(
        (await api.ds.query(`SELECT quantity, title FROM needs WHERE id = $1`, [need.id]))[0].quantity,
      ).toBe(10);

      const exact = await api.http.patch(`/api/v1/needs/${need.id}`).set(operator).send({ quantity: 6 });
      expect(exact.body).toMatchObject({ quantity: 6, availableQuantity: 0, status: 'fully_allocated' });
      const grown = await api.http.patch(`/api/v1/needs/${need.id}`).set(operator).send({ quantity: 9 });
      expect(grown.body).toMatchObject({ quantity: 9, availableQuantity: 3, status: 'open' });
    });

    it('validates the fields it may change and keeps the status out of reach', async () => {
      const need = await createNeed(api);
      const patch = (body: object) => api.http.patch(`/api/v1/needs/${need.id}`).set(operator).send(body);
      expect((await patch({ status: 'open' })).status).toBe(400);
      expect((await patch({ programCode: 'UMKM' })).status).toBe(400);
      expect((await patch({ quantity: -1 })).status).toBe(400);
      expect((await patch({ title: null })).status).toBe(400);
      expect((await patch({ regionCode: '31.71.99.9999' })).status).toBe(400);
      const moved = await patch({ regionCode: '31.71.01', dueDate: null, sourceRef: null });
      expect(moved.body).toMatchObject({
        region: { code: '31.71.01', level: 'district' },
        dueDate: null,
        sourceRef: null,
      });
      const other = await createNeed(api);
      const clash = await patch({ sourceRef: other.sourceRef });
      expect(clash.status).toBe(409);
      expect(clash.body.detail).toContain('sourceRef');
    });

    it('lets neither viewers nor donors edit', async () => {
      const need = await createNeed(api);
      for (const role of ['viewer', 'collaborator'] as const) {
        const res = await api.http
          .patch(`/api/v1/needs/${need.id}`)
          .set({ authorization: `Bearer ${await api.tokenFor(role)}` })
          .send({ title: 'X' });
        expect(res.status).toBe(403);
      }
    });
  });
});
