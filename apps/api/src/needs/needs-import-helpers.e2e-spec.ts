import { startTestApi, TestApi } from '../../test/harness';

const HEADER =
  'programCode,packageCode,regionCode,title,description,quantity,beneficiaryCount,source,sourceRef,lon,lat,contactName,contactRole,contactPhone,dueDate';
/** every column the importer knows, in order: the template's header and the rejected-rows file's */
const ALL_COLUMNS = `${HEADER},targetKind,targetRef`;
const row = (
  regionCode: string,
  sourceRef: string,
  quantity: string | number = 10,
  program = 'PANGAN',
): string =>
  `${program},SEMBAKO,${regionCode},Sembako ${sourceRef},Data bansos,${quantity},10,bansos,${sourceRef},,,Ketua RT,Ketua RT,,`;

/** Rows that say whether anything at all was written: needs, the reporting delta log, audit entries, events. */
async function footprint(api: TestApi): Promise<Record<string, number>> {
  const [r] = await api.ds.query(
    `SELECT (SELECT count(*) FROM needs)::int AS needs,
            (SELECT coalesce(max(version), 0) FROM needs)::int AS "maxVersion",
            (SELECT count(*) FROM report_facts)::int + (SELECT count(*) FROM report_region_rollups)::int AS facts,
            (SELECT count(*) FROM audit_log)::int AS audit,
            (SELECT count(*) FROM outbox_events)::int AS events`,
  );
  return r;
}

describe('needs import helpers: template, dry run, rejected rows', () => {
  let api: TestApi;
  let operator: Record<string, string>;
  beforeAll(async () => {
    api = await startTestApi();
    operator = { authorization: `Bearer ${await api.tokenFor('operator')}` };
  });
  afterAll(() => api.close());

  const upload = (csv: string, query = '') =>
    api.http.post(`/api/v1/needs/import${query}`).set(operator).set('content-type', 'text/csv').send(csv);

  it('downloads a template whose header and example row import cleanly (checked by a dry run)', async () => {
    const res = await api.http.get('/api/v1/needs/import/template').set(operator);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="ksbb-needs-template\.csv"/);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(ALL_COLUMNS);
    const preview = await upload(res.text, '?dryRun=true');
    expect(preview.status).toBe(201);
    expect(preview.body).toMatchObject({ inserted: 1, updated: 0, rejected: [], dryRun: true });
  });

  it('the template is staff-only', async () => {
    expect((await api.http.get('/api/v1/needs/import/template')).status).toBe(401);
    const collaborator = { authorization: `Bearer ${await api.tokenFor('collaborator')}` };
    expect((await api.http.get('/api/v1/needs/import/template').set(collaborator)).status).toBe(403);
  });

  it('a dry run answers what would be created and updated and the rejected rows by line, and writes nothing', async () => {
    // one need exists already: the preview counts it as an update
    expect((await upload([HEADER, row('31.71.01.1001.RW01.RT001', 'DRY-EXISTING')].join('\n'))).status).toBe(
      201,
    );
    const csv = [
      HEADER,
      row('31.71.01.1001.RW01.RT002', 'DRY-1'),
      row('31.99.99.9999', 'DRY-2'), // line 3: unknown region (a set-based check)
      row('31.71.01.1001.RW01.RT003', 'DRY-3', 'lots'), // line 4: bad quantity (a shape check)
      row('31.71.01.1001.RW01.RT001', 'DRY-EXISTING', 20),
      row('31.71.01.1001.RW01.RT004', 'DRY-1'), // line 6: repeats line 2
    ].join('\n');
    const before = await footprint(api);
    const preview = await upload(csv, '?dryRun=true&publish=true');
    expect(preview.status).toBe(201);
    expect(preview.body.dryRun).toBe(true);
    expect(preview.body).toMatchObject({ inserted: 1, updated: 1 });
    expect(preview.body.rejected.map((r: { line: number }) => r.line)).toEqual([3, 4, 6]);
    expect(preview.body.rejected[0].errors).toEqual(['region 31.99.99.9999 does not exist']);
    expect(preview.body.rejected[1].errors.join(' ')).toMatch(/quantity/);
    expect(preview.body.rejected[2].errors.join(' ')).toMatch(/repeats line 2/);
    expect(await footprint(api)).toEqual(before);
    expect(
      (await api.ds.query(`SELECT count(*)::int AS n FROM needs WHERE source_ref LIKE 'DRY-_'`))[0].n,
    ).toBe(0);

    // the same file for real: the preview was right
    const real = await upload(csv, '?publish=true');
    expect(real.status).toBe(201);
    expect(real.body).toMatchObject({ inserted: 1, updated: 1, dryRun: false });
    expect(real.body.rejected.map((r: { line: number }) => r.line)).toEqual([3, 4, 6]);
  });

  it("sends each rejected row's values back in column order, and a rejected-rows file can be imported once fixed", async () => {
    const csv = [HEADER, row('31.99.99.9999', 'REJ-1'), row('31.71.01.1001.RW01.RT005', 'REJ-2', '-3')].join(
      '\n',
    );
    const res = await upload(csv, '?dryRun=true');
    expect(res.status).toBe(201);
    expect(res.body.columns).toEqual(ALL_COLUMNS.split(','));
    const [unknownRegion, badQuantity] = res.body.rejected;
    expect(unknownRegion.values).toHaveLength(17);
    expect(unknownRegion.values.slice(0, 3)).toEqual(['PANGAN', 'SEMBAKO', '31.99.99.9999']);
    expect(unknownRegion.values[8]).toBe('REJ-1');
    expect(badQuantity.values[5]).toBe('-3');

    // the admin's rejected-rows file: rejectedLine, rejectedReasons, then the columns; fixed, it imports as it is
    const fixed = [
      `rejectedLine,rejectedReasons,${ALL_COLUMNS}`,
      `2,region does not exist,${row('31.71.01.1001.RW01.RT006', 'REJ-1')},,`,
    ].join('\n');
    const again = await upload(fixed, '?dryRun=true');
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ inserted: 1, rejected: [] });
  });
});
