import { startTestApi, TestApi } from '../../test/harness';

describe('regions', () => {
  let api: TestApi;
  let auth: Record<string, string>;
  beforeAll(async () => {
    api = await startTestApi();
    auth = { authorization: `Bearer ${await api.tokenFor('viewer')}` };
  });
  afterAll(() => api.close());

  it('region 31.71 (Jakarta Pusat) lists its 8 districts', async () => {
    const res = await api.http.get('/api/v1/regions?parentCode=31.71&level=district&limit=100').set(auth);
    expect(res.status).toBe(200);
    expect(res.body.meta.total).toBe(8);
    expect(res.body.data.map((r: { name: string }) => r.name)).toEqual([
      'Gambir',
      'Sawah Besar',
      'Kemayoran',
      'Senen',
      'Cempaka Putih',
      'Menteng',
      'Tanah Abang',
      'Johar Baru',
    ]);
  });

  it('shows a region with its parents, province first', async () => {
    const res = await api.http.get('/api/v1/regions/31.71.01.1001').set(auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.body.parents.map((p: { code: string }) => p.code)).toEqual(['31', '31.71', '31.71.01']);
    expect(typeof res.body.lon).toBe('number');
    expect((await api.http.get('/api/v1/regions/99.99').set(auth)).status).toBe(404);
  });

  it('has RW and RT units under villages and paginates them', async () => {
    const rw = await api.http.get('/api/v1/regions?level=rw&limit=1').set(auth);
    const rt = await api.http.get('/api/v1/regions?level=rt&limit=100&page=2').set(auth);
    expect(rw.body.meta.total).toBeGreaterThan(2500);
    expect(rt.body.meta.total).toBeGreaterThan(28000);
    expect(rt.body.data).toHaveLength(100);
    expect(rt.body.meta).toMatchObject({ page: 2, limit: 100 });
    expect((await api.http.get('/api/v1/regions?limit=101').set(auth)).status).toBe(400);
  });

  it('searches by name', async () => {
    const res = await api.http.get('/api/v1/regions?q=menteng&level=district').set(auth);
    expect(res.body.data.map((r: { code: string }) => r.code)).toEqual(['31.71.06']);
  });

  it('searches a village by the start of its code, and narrows to the children of a parent', async () => {
    const byCode = await api.http.get('/api/v1/regions?q=31.71.01.100&level=village').set(auth);
    expect(byCode.body.data.map((r: { code: string }) => r.code)).toContain('31.71.01.1001');
    const children = await api.http.get('/api/v1/regions?parentCode=31.71.01.1001&q=RW 01').set(auth);
    expect(children.body.data.map((r: { code: string }) => r.code)).toEqual(['31.71.01.1001.RW01']);
  });

  it('looks up a batch of codes at once (names for codes), and refuses a malformed or oversized batch', async () => {
    const codes = ['31.71.01.1001.RW01.RT001', '31.71.01.1001', '31.71.01', '99.99'];
    const res = await api.http.get(`/api/v1/regions?codes=${codes.join(',')}&limit=100`).set(auth);
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: { code: string; name: string }) => [r.code, r.name])).toEqual([
      ['31.71.01', 'Gambir'],
      ['31.71.01.1001', 'Gambir'],
      ['31.71.01.1001.RW01.RT001', 'RT 001'],
    ]);
    expect((await api.http.get('/api/v1/regions?codes=31.71,drop table').set(auth)).status).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => `31.71.${String(i).padStart(2, '0')}`).join(',');
    expect((await api.http.get(`/api/v1/regions?codes=${many}`).set(auth)).status).toBe(400);
  });

  it('uses the indexes for prefix and level queries', async () => {
    await api.ds.query('ANALYZE regions');
    const plan = (sql: string) => api.ds.query(`EXPLAIN ${sql}`).then((rows: { 'QUERY PLAN': string }[]) => rows.map((r) => r['QUERY PLAN']).join('\n'));
    expect(await plan(`SELECT * FROM regions WHERE parent_code = '31.71'`)).toMatch(/Index|Bitmap/);
    expect(await plan(`SELECT * FROM regions WHERE code LIKE '31.71.01.%'`)).toMatch(/Index|Bitmap/);
  });

  it('imports regions from CSV and GeoJSON, reporting bad rows by line', async () => {
    const admin = { authorization: `Bearer ${await api.tokenFor('admin')}` };
    const csv = [
      'code,level,parent_code,name,lon,lat',
      '31.71.01.1001.RW90,rw,31.71.01.1001,RW 90,106.82,-6.17',
      '31.71.01.1001.RW90.RT001,rt,31.71.01.1001.RW90,RT 001,,',
      '31.71.01.1001.RW91,village,31.71.01.1001,Wrong level,,',
      '32.01,city,31,Not Jakarta,,',
    ].join('\n');
    const res = await api.http.post('/api/v1/regions/import').set(admin).set('content-type', 'text/csv').send(csv);
    expect(res.status).toBe(201);
    expect(res.body.inserted).toBe(2);
    expect(res.body.rejected.map((r: { line: number }) => r.line)).toEqual([4, 5]);

    const geo = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '31.71.01.1001.RW90', level: 'rw', parentCode: '31.71.01.1001', name: 'RW 90' },
          geometry: { type: 'Polygon', coordinates: [[[106.81, -6.17], [106.82, -6.17], [106.82, -6.16], [106.81, -6.17]]] },
        },
      ],
    };
    const g = await api.http.post('/api/v1/regions/import').set(admin).set('content-type', 'application/geo+json').send(JSON.stringify(geo));
    expect(g.status).toBe(201);
    expect(g.body).toMatchObject({ inserted: 0, updated: 1, rejected: [] });
    const [row] = await api.ds.query(`SELECT ST_GeometryType(boundary) AS t FROM regions WHERE code = '31.71.01.1001.RW90'`);
    expect(row.t).toBe('ST_Polygon');
    const wrongType = await api.http.post('/api/v1/regions/import').set(admin).set('content-type', 'application/xml').send('<x/>');
    expect(wrongType.status).toBe(415);
  });
});
