import { startTestApi, TestApi } from '../../test/harness';

const HEADER =
  'programCode,packageCode,regionCode,title,description,quantity,beneficiaryCount,source,sourceRef,lon,lat,contactName,contactRole,contactPhone,dueDate';

interface Row {
  programCode?: string;
  packageCode?: string;
  regionCode: string;
  title?: string;
  quantity?: string | number;
  sourceRef: string;
  extra?: Partial<Record<'description' | 'lon' | 'lat' | 'contactName' | 'contactPhone' | 'dueDate', string>>;
}

const csvLine = (r: Row): string =>
  [
    r.programCode ?? 'PANGAN',
    r.packageCode ?? 'SEMBAKO',
    r.regionCode,
    r.title ?? `Sembako ${r.regionCode}`,
    r.extra?.description ?? 'Data bansos',
    r.quantity ?? 10,
    10,
    'bansos',
    r.sourceRef,
    r.extra?.lon ?? '106.82',
    r.extra?.lat ?? '-6.18',
    r.extra?.contactName ?? 'Ketua RT',
    'Ketua RT',
    r.extra?.contactPhone ?? '+62215550000',
    r.extra?.dueDate ?? '2021-03-31',
  ].join(',');

const csvOf = (rows: Row[]): string => [HEADER, ...rows.map(csvLine)].join('\n') + '\n';

/** A rejection's line and reasons (the answer also carries the row's values, for the rejected-rows file). */
function reasons(rejected: { line: number; errors: string[] }[]): { line: number; errors: string[] }[] {
  return rejected.map(({ line, errors }) => ({ line, errors }));
}

describe('needs import', () => {
  let api: TestApi;
  let operator: Record<string, string>;
  let rtCodes: string[];
  beforeAll(async () => {
    api = await startTestApi();
    operator = { authorization: `Bearer ${await api.tokenFor('operator')}` };
    rtCodes = (
      await api.ds.query(`SELECT code FROM regions WHERE level = 'rt' ORDER BY code LIMIT 10000`)
    ).map((r: { code: string }) => r.code);
  });
  afterAll(() => api.close());

  const upload = (csv: string, query = '') =>
    api.http.post(`/api/v1/needs/import${query}`).set(operator).set('content-type', 'text/csv').send(csv);
  const countRefs = async (prefix: string): Promise<number> =>
    (await api.ds.query(`SELECT count(*)::int AS n FROM needs WHERE source_ref LIKE $1`, [`${prefix}%`]))[0]
      .n;

  it('imports 10,000 rows set-based: the 3 bad ones are reported by line, the rest land, and a re-import updates', async () => {
    expect(rtCodes).toHaveLength(10000);
    const rows: Row[] = rtCodes.map((code, i) => ({
      regionCode: code,
      sourceRef: `BIG-${i}`,
      quantity: (i % 50) + 1,
    }));
    rows[99] = { ...rows[99], regionCode: '31.71.01.1001.RW99.RT999' }; // line 101: no such region
    rows[4999] = { ...rows[4999], quantity: 'abc' }; // line 5001
    rows[9998] = { ...rows[9998], title: '' }; // line 10000
    const csv = csvOf(rows);

    const first = await upload(csv);
    expect(first.status).toBe(201);
    expect(first.body.inserted).toBe(9997);
    expect(first.body.updated).toBe(0);
    expect(first.body.rejected.map((r: { line: number }) => r.line)).toEqual([101, 5001, 10000]);
    expect(first.body.rejected[0].errors).toEqual(['region 31.71.01.1001.RW99.RT999 does not exist']);
    expect(first.body.rejected[1].errors[0]).toMatch(/^quantity "abc" must be a positive whole number/);
    expect(first.body.rejected[2].errors).toEqual(['title is required']);
    expect(await countRefs('BIG-')).toBe(9997);
    const [sample] = await api.ds.query(
      `SELECT status, quantity, region_code, ST_X(location) AS lon, contact_phone, due_date::text AS due FROM needs WHERE source_ref = 'BIG-7'`,
    );
    expect(sample).toEqual({
      status: 'draft',
      quantity: 8,
      region_code: rtCodes[7],
      lon: 106.82,
      contact_phone: '+62215550000',
      due: '2021-03-31',
    });

    const again = await upload(csv);
    expect(again.body).toMatchObject({ inserted: 0, updated: 9997 });
    expect(again.body.rejected.map((r: { line: number }) => r.line)).toEqual([101, 5001, 10000]);
    expect(await countRefs('BIG-')).toBe(9997);

    // A need with claims on it may not shrink below them: that row alone is refused.
    await api.ds.query(`UPDATE needs SET allocated_quantity = 8 WHERE source_ref = 'BIG-20'`);
    rows[20] = { ...rows[20], quantity: 5, title: 'Diperkecil' };
    rows[21] = { ...rows[21], quantity: 50, title: 'Diperbesar' };
    const third = await upload(csvOf(rows));
    expect(third.body.updated).toBe(9996);
    expect(reasons(third.body.rejected)).toContainEqual({
      line: 22,
      errors: ['quantity 5 is below the 8 already allocated to donors'],
    });
    const [kept] = await api.ds.query(`SELECT quantity, title FROM needs WHERE source_ref = 'BIG-20'`);
    expect(kept).toEqual({ quantity: 21, title: `Sembako ${rtCodes[20]}` });
    expect((await api.ds.query(`SELECT quantity, title FROM needs WHERE source_ref = 'BIG-21'`))[0]).toEqual({
      quantity: 50,
      title: 'Diperbesar',
    });

    const audit = await api.ds.query(
      `SELECT after FROM audit_log WHERE action = 'need.imported' ORDER BY id`,
    );
    expect(audit).toHaveLength(3);
    expect(audit[0].after).toMatchObject({ rows: 10000, inserted: 9997, updated: 0, rejected: 3 });
    expect(JSON.stringify(audit)).not.toContain('+62215550000');
  });

  it('checks references, duplicates and shapes per row, reporting every reason', async () => {
    const csv = csvOf([
      { regionCode: rtCodes[0], sourceRef: 'REF-1' },
      { regionCode: rtCodes[1], sourceRef: 'REF-1' }, // line 3 repeats line 2
      { regionCode: rtCodes[2], sourceRef: 'REF-3', programCode: 'NOPE' },
      { regionCode: rtCodes[3], sourceRef: 'REF-4', packageCode: 'GAWAI_SISWA' },
      { regionCode: '32.01', sourceRef: 'REF-5', quantity: 0, extra: { lon: '200', dueDate: '2021-02-30' } },
      { regionCode: rtCodes[5], sourceRef: 'REF-6', extra: { lon: '' } },
      { regionCode: rtCodes[6], sourceRef: 'REF-7', extra: { contactPhone: 'call me' } },
    ]);
    const res = await upload(csv);
    expect(res.status).toBe(201);
    expect(res.body.inserted).toBe(1);
    expect(reasons(res.body.rejected)).toEqual([
      { line: 3, errors: ['programCode PANGAN with sourceRef REF-1 repeats line 2'] },
      { line: 4, errors: ['program NOPE does not exist'] },
      { line: 5, errors: ['package GAWAI_SISWA does not belong to program PANGAN'] },
      {
        line: 6,
        errors: [
          'regionCode "32.01" has the wrong format',
          'quantity "0" must be a positive whole number',
          'lon "200" must be a number within -180..180',
          'dueDate "2021-02-30" must be a date like 2021-03-31',
        ],
      },
      { line: 7, errors: ['lon and lat go together'] },
      { line: 8, errors: ['contactPhone has the wrong format'] },
    ]);
    expect(await countRefs('REF-')).toBe(1);
  });

  it('counts lines across quoted line breaks, takes columns in any order and skips blank lines', async () => {
    const csv = [
      'sourceRef,quantity,title,regionCode,packageCode,programCode,description',
      `Q-1,3,"Sembako, ""darurat""",${rtCodes[0]},SEMBAKO,PANGAN,"baris satu`,
      `baris dua"`,
      '',
      `Q-2,x,Judul,${rtCodes[1]},SEMBAKO,PANGAN,`,
      `Q-3,4,Judul,${rtCodes[2]},SEMBAKO,PANGAN`,
    ].join('\r\n');
    const res = await upload(csv);
    expect(res.body.inserted).toBe(1);
    expect(reasons(res.body.rejected)).toEqual([
      { line: 5, errors: ['quantity "x" must be a positive whole number'] },
      { line: 6, errors: ['has 6 field(s); the header has 7'] },
    ]);
    const [row] = await api.ds.query(
      `SELECT title, description, source, location FROM needs WHERE source_ref = 'Q-1'`,
    );
    expect(row).toEqual({
      title: 'Sembako, "darurat"',
      description: 'baris satu\r\nbaris dua',
      source: 'import',
      location: null,
    });
  });

  it('publishes new needs on request, keeps the status of existing ones, and refuses needs no longer editable', async () => {
    const published = await upload(csvOf([{ regionCode: rtCodes[0], sourceRef: 'PUB-1' }]), '?publish=true');
    expect(published.body.inserted).toBe(1);
    const [open] = await api.ds.query(
      `SELECT id, status, published_at FROM needs WHERE source_ref = 'PUB-1'`,
    );
    expect(open.status).toBe('open');
    expect(open.published_at).not.toBeNull();

    await api.ds.query(`UPDATE needs SET allocated_quantity = 10 WHERE id = $1`, [open.id]);
    await api.ds.query(`UPDATE needs SET status = 'fully_allocated' WHERE id = $1`, [open.id]);
    const grown = await upload(csvOf([{ regionCode: rtCodes[0], sourceRef: 'PUB-1', quantity: 12 }]));
    expect(grown.body).toMatchObject({ inserted: 0, updated: 1, rejected: [] });
    expect((await api.ds.query(`SELECT status, version FROM needs WHERE id = $1`, [open.id]))[0]).toEqual({
      status: 'open',
      version: 2,
    });

    await api.http.post(`/api/v1/needs/${open.id}/close`).set(operator).expect(200);
    const closed = await upload(csvOf([{ regionCode: rtCodes[0], sourceRef: 'PUB-1', quantity: 12 }]));
    expect(reasons(closed.body.rejected)).toEqual([
      { line: 2, errors: ['the need with sourceRef PUB-1 is closed and can no longer be changed'] },
    ]);

    const draftProgram = await upload(
      csvOf([
        { regionCode: rtCodes[1], sourceRef: 'PUB-2', programCode: 'TENAGA_KERJA', packageCode: 'NO_SUCH' },
      ]),
      '?publish=true',
    );
    expect(draftProgram.body.rejected[0].errors).toEqual([
      'program TENAGA_KERJA is draft; needs can be published only in an open program',
      'package NO_SUCH does not belong to program TENAGA_KERJA',
    ]);
  });

  it('reports a row whose need changed (committed claims) while the upsert waited for it, and keeps the others', async () => {
    const rows = [0, 1, 2].map((i) => ({
      regionCode: rtCodes[10 + i],
      sourceRef: `RACE-${i}`,
      quantity: 10,
    }));
    expect((await upload(csvOf(rows))).body).toMatchObject({ inserted: 3, rejected: [] });

    // Another transaction holds RACE-1 and commits claims on it only after the import's upsert is waiting for it:
    // the import's checks saw no claims, the upsert's guard sees 8 (more than the new quantity 5).
    const other = api.ds.createQueryRunner();
    await other.connect();
    try {
      await other.startTransaction();
      await other.query(`UPDATE needs SET allocated_quantity = 8 WHERE source_ref = 'RACE-1'`);
      const shrunk = rows.map((r) => ({ ...r, quantity: 5 }));
      const pending = upload(csvOf(shrunk)).then((res) => res);
      for (let waited = 0; ; waited++) {
        const [{ n }] = await api.ds.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'transactionid'`,
        );
        if (n > 0) break;
        if (waited > 200) throw new Error('the import never waited for the locked need');
        await new Promise((r) => setTimeout(r, 50));
      }
      await other.commitTransaction();
      const res = await pending;
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ inserted: 0, updated: 2 });
      expect(reasons(res.body.rejected)).toEqual([
        {
          line: 3,
          errors: ['the need changed while importing (new claims or a status change); import the row again'],
        },
      ]);
    } finally {
      await other.release();
    }
    const quantities = await api.ds.query(
      `SELECT source_ref, quantity, allocated_quantity FROM needs WHERE source_ref LIKE 'RACE-%' ORDER BY source_ref`,
    );
    expect(quantities).toEqual([
      { source_ref: 'RACE-0', quantity: 5, allocated_quantity: 0 },
      { source_ref: 'RACE-1', quantity: 10, allocated_quantity: 8 },
      { source_ref: 'RACE-2', quantity: 5, allocated_quantity: 0 },
    ]);
  });

  it('accepts a multipart file, and refuses bad headers, empty files, other media types and other roles', async () => {
    const csv = csvOf([{ regionCode: rtCodes[3], sourceRef: 'MP-1' }]);
    const multipart = await api.http
      .post('/api/v1/needs/import')
      .set(operator)
      .attach('file', Buffer.from(csv), { filename: 'needs.csv', contentType: 'text/csv' });
    expect(multipart.status).toBe(201);
    expect(multipart.body).toMatchObject({ inserted: 1, updated: 0, rejected: [] });

    const noRef = await upload(
      'programCode,packageCode,regionCode,title,quantity,colour\nPANGAN,SEMBAKO,31,x,1,red\n',
    );
    expect(noRef.status).toBe(400);
    expect(noRef.body.detail).toMatch(/missing column\(s\) sourceRef; unknown column\(s\) colour/);
    // the COPY that the bad header aborted left its connection usable (the pool hands the same one out next)
    const after = await upload(csvOf([{ regionCode: rtCodes[4], sourceRef: 'MP-2' }]));
    expect(after.body).toMatchObject({ inserted: 1, updated: 0, rejected: [] });
    expect((await upload('')).status).toBe(400);
    expect((await upload('\n\n')).status).toBe(400);
    const xml = await api.http
      .post('/api/v1/needs/import')
      .set(operator)
      .set('content-type', 'application/xml')
      .send('<x/>');
    expect(xml.status).toBe(415);
    expect((await upload(csv, '?publish=maybe')).status).toBe(400);
    const viewer = { authorization: `Bearer ${await api.tokenFor('viewer')}` };
    expect(
      (await api.http.post('/api/v1/needs/import').set(viewer).set('content-type', 'text/csv').send(csv))
        .status,
    ).toBe(403);
    expect(await countRefs('MP-')).toBe(2);
  });
});
