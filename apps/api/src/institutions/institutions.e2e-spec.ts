import { auth, binary, readWorkbook } from '@ksbb/testing/api';
import { startTestApi, TestApi } from '../../test/harness';

const KELURAHAN = '31.71.01.1001';

describe('institutions and eligibility rules', () => {
  let api: TestApi;
  let operator: Record<string, string>;
  let admin: Record<string, string>;
  let rw: string;
  beforeAll(async () => {
    api = await startTestApi();
    operator = auth(await api.tokenFor('operator'));
    admin = auth(await api.tokenFor('admin'));
    [{ code: rw }] = await api.ds.query(`SELECT code FROM regions WHERE parent_code = $1 AND level = 'rw' ORDER BY code LIMIT 1`, [KELURAHAN]);
  });
  afterAll(() => api.close());

  const importCsv = (csv: string) =>
    api.http.post('/api/v1/institutions/import').set(operator).set('content-type', 'text/csv').send(csv);

  it('imports schools by CSV: two bad rows are rejected by line, the good ones land and are found by NPSN', async () => {
    const csv = [
      'kind,name,npsn,schoolLevel,address,regionCode',
      `school,SDN Gambir 01 Pagi,20100001,SD,Jl. Tanah Abang I,${rw}`,
      `school,SMPN Salah NPSN,1234,SMP,Jl. Mana,${KELURAHAN}`,
      `school,SMAN Gambir,20100002,SMA,Jl. Budi Kemuliaan,${KELURAHAN}`,
      `school,SD Wilayah Asing,20100003,SD,Jl. Entah,31.71.99.9999`,
      '',
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(201);
    expect(res.body.inserted).toBe(2);
    expect(res.body.rejected.map((r: { line: number }) => r.line)).toEqual([3, 5]);
    expect(res.body.rejected[0].errors.join()).toMatch(/npsn "1234" must be 8 digits/);
    expect(res.body.rejected[1].errors.join()).toMatch(/region 31\.71\.99\.9999/);

    const again = await importCsv(csv);
    expect(again.body).toMatchObject({ inserted: 0, updated: 2 });

    const found = await api.http.get('/api/v1/institutions?q=20100001').set(auth(await api.tokenFor('collaborator')));
    expect(found.status).toBe(200);
    expect(found.body.data).toHaveLength(1);
    expect(found.body.data[0]).toMatchObject({ kind: 'school', npsn: '20100001', schoolLevel: 'SD', regionCode: rw, kelurahanCode: KELURAHAN });
    const byName = await api.http.get(`/api/v1/institutions?q=gambir&kind=school&region=${KELURAHAN}`).set(operator);
    expect(byName.body.meta.total).toBe(2);
    expect((await api.http.get('/api/v1/institutions').set(operator).query({ kind: 'nope' })).status).toBe(400);
    expect((await api.http.get('/api/v1/institutions')).status).toBe(401);
  });

  it('checks an institution field by field, with codes', async () => {
    const res = await api.http
      .post('/api/v1/institutions')
      .set(operator)
      .send({ kind: 'msme', name: 'Warung Bu Ani', nib: '12', jakpreneurMember: true, regionCode: '31.71.01' });
    expect(res.status).toBe(400);
    const codes = Object.fromEntries(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]));
    expect(codes).toEqual({ nib: 'institution_ref_invalid', regionCode: 'institution_region_invalid' });
    const viewer = await api.http
      .post('/api/v1/institutions')
      .set(auth(await api.tokenFor('viewer')))
      .send({ kind: 'msme', name: 'Warung Bu Ani', nib: '9120001234567', regionCode: KELURAHAN });
    expect(viewer.status).toBe(403);
  });

  it('a student-device need targets a school (its region follows the school), and one without a school is refused', async () => {
    const [pkg] = await api.ds.query(`SELECT id FROM packages WHERE program_code = 'PENDIDIKAN' AND code = 'GAWAI_SISWA'`);
    const rule = await api.http.patch(`/api/v1/packages/${pkg.id}`).set(admin).send({ targetKind: 'school' });
    expect(rule.status).toBe(200);
    expect(rule.body.targetKind).toBe('school');
    const [school] = (await api.http.get('/api/v1/institutions?q=20100001').set(operator)).body.data;
    const msme = await api.http
      .post('/api/v1/institutions')
      .set(operator)
      .send({ kind: 'msme', name: 'Warung Bu Ani', nib: '9120001234567', jakpreneurMember: true, regionCode: KELURAHAN });
    expect(msme.status).toBe(201);

    const body = { programCode: 'PENDIDIKAN', packageCode: 'GAWAI_SISWA', title: 'Tablet untuk 30 siswa', quantity: 30 };
    const ok = await api.http
      .post('/api/v1/needs')
      .set(operator)
      .send({ ...body, regionCode: '31.72.01.1001', targetInstitutionId: school.id });
    expect(ok.status).toBe(201);
    expect(ok.body.region.code).toBe(rw);
    expect(ok.body.targetInstitution).toEqual({ id: school.id, kind: 'school', name: 'SDN Gambir 01 Pagi' });

    const none = await api.http.post('/api/v1/needs').set(operator).send({ ...body, regionCode: KELURAHAN });
    expect(none.status).toBe(400);
    expect(none.body.errors).toEqual([
      expect.objectContaining({ field: 'targetInstitutionId', code: 'need_target_required' }),
    ]);
    const wrongKind = await api.http.post('/api/v1/needs').set(operator).send({ ...body, targetInstitutionId: msme.body.id });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors).toEqual([expect.objectContaining({ field: 'targetInstitutionId', code: 'need_target_kind' })]);

    const csv = [
      'programCode,packageCode,regionCode,title,quantity,sourceRef,targetKind,targetRef',
      `PENDIDIKAN,GAWAI_SISWA,,Tablet SD Gambir,10,TGT-1,school,20100001`,
      `PENDIDIKAN,GAWAI_SISWA,${KELURAHAN},Tablet tanpa sekolah,10,TGT-2,,`,
      `PENDIDIKAN,GAWAI_SISWA,,Tablet UMKM,10,TGT-3,msme,9120001234567`,
      '',
    ].join('\n');
    const imported = await api.http.post('/api/v1/needs/import').set(operator).set('content-type', 'text/csv').send(csv);
    expect(imported.status).toBe(201);
    expect(imported.body.inserted).toBe(1);
    expect(imported.body.rejected.map((r: { line: number }) => r.line)).toEqual([3, 4]);
    expect(imported.body.rejected[0].errors.join()).toMatch(/requires a target institution of kind school/);
    expect(imported.body.rejected[1].errors.join()).toMatch(/requires a target of kind school/);
    const [landed] = await api.ds.query(`SELECT region_code, target_institution_id FROM needs WHERE source_ref = 'TGT-1'`);
    expect(landed).toEqual({ region_code: rw, target_institution_id: school.id });
    await api.http.patch(`/api/v1/packages/${pkg.id}`).set(admin).send({ targetKind: null });
  });

  it('a package may require a source list', async () => {
    const [pkg] = await api.ds.query(`SELECT id FROM packages WHERE program_code = 'PANGAN' AND code = 'SEMBAKO'`);
    expect((await api.http.patch(`/api/v1/packages/${pkg.id}`).set(admin).send({ sourceList: 'DTKS' })).status).toBe(200);
    const body = { programCode: 'PANGAN', packageCode: 'SEMBAKO', regionCode: KELURAHAN, title: 'Sembako 10 KK', quantity: 10 };
    const refused = await api.http.post('/api/v1/needs').set(operator).send({ ...body, source: 'bansos' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'source', code: 'need_source_list' })]);
    expect((await api.http.post('/api/v1/needs').set(operator).send({ ...body, source: 'dtks' })).status).toBe(201);
    await api.http.patch(`/api/v1/packages/${pkg.id}`).set(admin).send({ sourceList: null });
  });

  it('tells the public how many schools and MSMEs were reached, in counts only', async () => {
    const res = await api.http.get('/api/v1/public/institutions-reached');
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: { kind: string }) => r.kind)).toEqual(['school', 'msme', 'vendor_site']);
    expect(JSON.stringify(res.body)).not.toMatch(/Gambir|Warung/);
  });
});

describe('reports by target', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('counts coverage and delivery per institution kind, as JSON, CSV and XLSX', async () => {
    const operator = auth(await api.tokenFor('operator'));
    const school = await api.http
      .post('/api/v1/institutions')
      .set(operator)
      .send({ kind: 'school', name: 'SDN Laporan', npsn: '20108888', schoolLevel: 'SD', regionCode: KELURAHAN });
    expect(school.status).toBe(201);
    const need = await api.http.post('/api/v1/needs').set(operator).send({
      programCode: 'PENDIDIKAN',
      packageCode: 'GAWAI_SISWA',
      title: 'Tablet SDN Laporan',
      quantity: 12,
      targetInstitutionId: school.body.id,
    });
    expect(need.status).toBe(201);
    expect((await api.http.post(`/api/v1/needs/${need.body.id}/publish`).set(operator)).status).toBe(200);
    const other = await api.http.post('/api/v1/needs').set(operator).send({
      programCode: 'PENDIDIKAN',
      packageCode: 'GAWAI_SISWA',
      regionCode: KELURAHAN,
      title: 'Tablet tanpa sasaran',
      quantity: 3,
    });
    expect(other.status).toBe(201);
    const targeting = await api.http.get(`/api/v1/needs?targetInstitution=${school.body.id}`).set(operator);
    expect(targeting.status).toBe(200);
    expect(targeting.body.data.map((n: { id: string }) => n.id)).toEqual([need.body.id]);
    expect((await api.http.get('/api/v1/needs?targetInstitution=nope').set(operator)).status).toBe(400);

    const viewer = auth(await api.tokenFor('viewer'));
    const res = await api.http.get('/api/v1/reports/by-target?program=PENDIDIKAN').set(viewer);
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { kind: string }) => r.kind)).toEqual(['school', 'msme', 'vendor_site']);
    expect(res.body.rows[0]).toMatchObject({ kind: 'school', targeted: 1, reached: 0, needs: 1, quantity: 12, delivered: 0 });
    const csv = await api.http.get('/api/v1/reports/by-target?program=PENDIDIKAN&format=csv&lang=en').set(viewer);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[1]).toBe(`Schools,${res.body.rows[0].registered},1,0,1,12,0,0`);
    const xlsx = await api.http
      .get('/api/v1/reports/by-target?program=PENDIDIKAN&format=xlsx')
      .set(viewer)
      .buffer(true)
      .parse(binary);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="sasaran-PENDIDIKAN.xlsx"');
    const wb = await readWorkbook(xlsx.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sasaran', 'Info']);
    const sheet = wb.getWorksheet('Sasaran');
    expect(sheet?.getRow(1).getCell(1).value).toBe('Jenis sasaran');
    expect((sheet?.getRow(2).values as unknown[]).slice(1)).toEqual(['Sekolah', res.body.rows[0].registered, 1, 0, 1, 12, 0, 0]);
    expect(sheet?.rowCount).toBe(4);
    expect((await api.http.get('/api/v1/reports/by-target?format=pdf').set(viewer)).status).toBe(400);
    expect((await api.http.get('/api/v1/reports/by-target').set(auth(await api.tokenFor('collaborator')))).status).toBe(403);
  });
});
