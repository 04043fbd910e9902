import { get as httpGet, IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { RollupFolder } from '@ksbb/core';
import { startTestApi, TestApi } from '../../test/harness';
import {
  approvedCommitment,
  auth,
  claim,
  createNeed,
  deliveryRegion,
  expectedCoverage,
  handoverBody,
  submitHandover,
  verifyHandover,
} from '@ksbb/testing/api';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const PHONE = /(\+62|\b0)[\s-]?8?\d{1,3}[\s-]?\d{3,4}[\s-]?\d{3,5}/;
const NIK = /(?<!\d)\d{16}(?!\d)/;
const NIK_A = '3171010101900001';
const NIK_B = '3171010202900002';

/** An approved commitment of another collaborator, written to the tables directly (only the donor can log in). */
async function commitmentOf(api: TestApi, collaboratorId: string, quantity: number): Promise<void> {
  const [c] = await api.ds.query(
    `INSERT INTO commitments (collaborator_id, program_code, delivery_mode, planned_from, planned_to, status, total_value,
                              signed_at, number)
     VALUES ($1::uuid, 'PANGAN', 'direct', '2026-01-01', '2030-12-31', 'approved', $2, now(), 'KOM/PANGAN/2026/X' || substr(md5($1::text), 1, 6))
     RETURNING id`,
    [collaboratorId, quantity * 100_000],
  );
  await api.ds.query(
    `INSERT INTO commitment_items (commitment_id, package_id, quantity, unit_value)
     SELECT $1, id, $2, 100000 FROM packages WHERE program_code = 'PANGAN' AND code = 'SEMBAKO'`,
    [c.id, quantity],
  );
}

describe('public transparency', () => {
  let api: TestApi;
  let privateNames: string[];
  let optedIn: { id: string; name: string };

  beforeAll(async () => {
    api = await startTestApi();
    const operator = auth(await api.tokenFor('operator'));
    for (const [regionCode, status] of [
      ['31.71.01.1001.RW01.RT001', 'open'],
      ['31.71.01.1002.RW01.RT001', 'open'],
      ['31.72.01.1001.RW01.RT001', 'draft'],
    ]) {
      const need = await createNeed(api, {
        regionCode,
        quantity: 50,
        beneficiaryCount: 50,
        description: 'Hubungi Bu Siti Aminah di 081234567890 atau siti@example.org',
        contact: { name: 'Budi Santoso', role: 'Ketua RT 001', phone: '+62812345678' },
      });
      if (status === 'open')
        expect((await api.http.post(`/api/v1/needs/${need.id}/publish`).set(operator).send()).status).toBe(
          200,
        );
    }
    // A delivery with named recipients and NIKs: none of it may surface publicly.
    const [needId] = (
      await api.ds.query(`SELECT id FROM needs WHERE status = 'open' ORDER BY region_code LIMIT 1`)
    ).map((r: { id: string }) => r.id);
    const commitment = await approvedCommitment(api, {
      items: [{ packageCode: 'SEMBAKO', quantity: 30, unitValue: 250_000 }],
    });
    const claimed = await claim(api, { commitmentId: commitment.id, needId, quantity: 20 });
    expect(claimed.status).toBe(201);
    const handover = await submitHandover(
      api,
      handoverBody(await deliveryRegion(api.ds), [{ allocationId: String(claimed.body.id), quantity: 10 }], {
        recipients: [
          { nik: NIK_A, name: 'Siti Aminah' },
          { nik: NIK_B, name: 'Ahmad Fauzi' },
        ],
        receiver: { name: 'Budi Santoso', role: 'Ketua RW 05', nik: '3171010303900003' },
      }),
    );
    expect(handover.status).toBe(201);
    expect((await verifyHandover(api, handover.body.id)).status).toBe(200);

    // Individuals with pledges: two private, one who opted in to be named.
    const individuals: { id: string; name: string; public_opt_in: boolean }[] = await api.ds.query(
      `SELECT id, name, public_opt_in FROM collaborators WHERE type = 'individual' AND status = 'verified' ORDER BY public_opt_in, name`,
    );
    const privates = individuals.filter((i) => !i.public_opt_in).slice(0, 2);
    optedIn = individuals.find((i) => i.public_opt_in) as { id: string; name: string };
    for (const person of [...privates, optedIn]) await commitmentOf(api, person.id, 7);
    const persons: { name: string; pic_name: string | null }[] = await api.ds.query(
      `SELECT name, pic_name FROM collaborators WHERE type = 'individual' AND NOT public_opt_in`,
    );
    privateNames = [
      ...persons.flatMap((p) => [p.name, p.pic_name ?? '']).filter(Boolean),
      'Siti Aminah',
      'Ahmad Fauzi',
      'Budi Santoso',
      'Rina Kartika',
    ];
  });

  afterAll(() => api.close());

  const get = (path: string) => api.http.get(`/api/v1/public/${path}`);

  it('no public response carries a phone, an email, a NIK or a private person’s name', async () => {
    const [{ code: village }] = await api.ds.query(
      `SELECT left(region_code, 13) AS code FROM needs WHERE status = 'open' LIMIT 1`,
    );
    const paths = [
      'stats',
      'needs',
      'needs?program=PANGAN',
      `needs?region=${village}`,
      'needs?limit=100&page=1',
      'needs/map',
      'needs/map?level=village',
      'needs/map?program=PANGAN&level=district',
      'scorecard',
      'scorecard?program=PANGAN',
    ];
    const scanned: string[] = [];
    for (const path of paths) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      const text = res.text;
      scanned.push(text);
      expect({ path, email: EMAIL.exec(text)?.[0] ?? null }).toEqual({ path, email: null });
      expect({ path, phone: PHONE.exec(text)?.[0] ?? null }).toEqual({ path, phone: null });
      expect({ path, nik: NIK.exec(text)?.[0] ?? null }).toEqual({ path, nik: null });
      for (const name of privateNames)
        expect({ path, name, found: text.includes(name) }).toEqual({ path, name, found: false });
      expect(text).not.toMatch(/contact|description|"phone"|"email"/i);
    }
    // The scan is not vacuous: the data it looks at is there.
    expect(scanned.join('')).toContain('31.71.01');
    expect(scanned.join('')).toContain(optedIn.name);
  });

  it('the scorecard names organisations and opted-in individuals, and labels the others', async () => {
    const res = await get('scorecard?program=PANGAN');
    const rows: {
      name: string;
      type: string;
      anonymous: boolean;
      committed: number;
      claimed: number;
      delivered: number;
    }[] = res.body.rows;
    expect(rows).toHaveLength(4);
    const [donor] = await api.ds.query(
      `SELECT c.name FROM users u JOIN collaborators c ON c.id = u.collaborator_id WHERE u.email = 'donor@demo.ksbb.id'`,
    );
    expect(rows[0]).toMatchObject({
      name: donor.name,
      type: 'business',
      anonymous: false,
      committed: 30,
      claimed: 20, // pledged 30, claimed 20 against a need, delivered 10 of them
      delivered: 10,
    });
    expect(rows.filter((r) => r.anonymous)).toHaveLength(2);
    for (const r of rows.filter((x) => x.anonymous))
      expect(r.name).toMatch(/^Donatur perorangan #[0-9A-F]{6}$/);
    expect(rows.find((r) => r.name === optedIn.name)).toMatchObject({
      type: 'individual',
      anonymous: false,
      committed: 7,
    });
  });

  it('open needs only, paginated, filtered by program and region, without contacts', async () => {
    const all = await get('needs?limit=1');
    expect(all.body.meta).toEqual({ total: 2, page: 1, limit: 1 });
    expect(Object.keys(all.body.data[0]).sort()).toEqual(
      [
        'allocatedQuantity',
        'availableQuantity',
        'beneficiaryCount',
        'deliveredQuantity',
        'dueDate',
        'id',
        'package',
        'program',
        'publishedAt',
        'quantity',
        'region',
        'title',
      ].sort(),
    );
    expect((await get('needs?region=31.71.01.1002')).body.meta.total).toBe(1);
    expect((await get('needs?region=31.72')).body.meta.total).toBe(0);
    expect((await get('needs?program=UMKM')).body.meta.total).toBe(0);
    expect((await get('needs?program=NOPE')).status).toBe(400);
    expect((await get('needs?region=not-a-code')).status).toBe(400);
  });

  it('the map is GeoJSON with points per district or village and the coverage numbers', async () => {
    for (const level of ['district', 'village'] as const) {
      const res = await get(`needs/map?level=${level}&program=PANGAN`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
      expect(res.body.type).toBe('FeatureCollection');
      const expected = await expectedCoverage(api.ds, level, 'PANGAN');
      expect(res.body.features).toHaveLength(expected.length);
      for (const [i, feature] of (res.body.features as Record<string, Record<string, unknown>>[]).entries()) {
        expect(feature.type).toBe('Feature');
        expect(feature.geometry).toMatchObject({
          type: 'Point',
          coordinates: [expect.any(Number), expect.any(Number)],
        });
        const { code, quantity, allocated, delivered, available } = expected[i];
        expect(feature.properties).toMatchObject({
          code,
          quantity,
          allocated,
          delivered,
          available,
          name: expect.any(String),
        });
      }
    }
    expect((await get('needs/map?level=rt')).status).toBe(400);
  });

  it('answers with Cache-Control, a strong ETag and 304 when unchanged; a change shows within seconds', async () => {
    const first = await get('stats');
    expect(first.headers['cache-control']).toBe('public, max-age=30');
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await get('stats').set('if-none-match', first.headers.etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    expect((await get('stats').set('if-none-match', 'W/"other"')).status).toBe(200);
    for (const path of ['needs', 'needs/map', 'scorecard']) {
      const res = await get(path);
      expect(res.headers['cache-control']).toBe('public, max-age=30');
      expect((await get(path).set('if-none-match', res.headers.etag)).status).toBe(304);
    }

    const before = first.body.needs.allocated as number;
    const [{ id: needId }] = await api.ds.query(
      `SELECT id FROM needs WHERE status = 'open' ORDER BY region_code DESC LIMIT 1`,
    );
    const commitment = await approvedCommitment(api, {
      items: [{ packageCode: 'SEMBAKO', quantity: 5, unitValue: 250_000 }],
    });
    expect((await claim(api, { commitmentId: commitment.id, needId, quantity: 4 })).status).toBe(201);
    const started = Date.now();
    let now = before;
    while (now === before && Date.now() - started < 15_000) {
      await new Promise((r) => setTimeout(r, 500));
      now = (await get('stats')).body.needs.allocated;
    }
    expect(now).toBe(before + 4);
    const changed = await get('stats').set('if-none-match', first.headers.etag);
    expect(changed.status).toBe(200);
  });

  it('serves the map pre-compressed as negotiated, 304 on its ETag, and a new ETag once the rollups change', async () => {
    const path = 'needs/map?level=village&program=PANGAN';
    const plain = await get(path).set('accept-encoding', 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.headers.vary).toMatch(/origin/i); // CORS answers differ by Origin: a shared cache must key by it
    const body = JSON.parse(plain.text);
    expect(body.type).toBe('FeatureCollection');
    expect(plain.text.length).toBeGreaterThan(200);
    const base = await api.listen();
    for (const coding of ['br', 'gzip'] as const) {
      // raw bytes over node:http (supertest would decode them)
      const raw = await new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        httpGet(`${base}/api/v1/public/${path}`, { headers: { 'accept-encoding': coding === 'br' ? 'gzip;q=0.5, br' : 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
      expect(raw.headers['content-encoding']).toBe(coding);
      expect(raw.headers.etag).toBe(`${plain.headers.etag.slice(0, -1)}-${coding}"`);
      const decoded = coding === 'br' ? brotliDecompressSync(raw.body) : gunzipSync(raw.body);
      expect(raw.body.length).toBeLessThan(decoded.length);
      expect(JSON.parse(decoded.toString('utf8'))).toEqual(body);
      expect((await get(path).set('accept-encoding', coding).set('if-none-match', raw.headers.etag as string)).status).toBe(304);
    }
    expect((await get(path).set('accept-encoding', 'br;q=0, gzip;q=0')).headers['content-encoding']).toBeUndefined();
    expect((await get(path).set('accept-encoding', 'identity').set('if-none-match', plain.headers.etag)).status).toBe(304);

    // A claim, folded into the rollups: the held body is rebuilt and carries a new ETag.
    const [{ id: needId }] = await api.ds.query(
      `SELECT id FROM needs WHERE status = 'open' AND program_code = 'PANGAN' AND quantity > allocated_quantity ORDER BY region_code LIMIT 1`,
    );
    const commitment = await approvedCommitment(api, { items: [{ packageCode: 'SEMBAKO', quantity: 3, unitValue: 250_000 }] });
    expect((await claim(api, { commitmentId: commitment.id, needId, quantity: 2 })).status).toBe(201);
    await api.app.get(RollupFolder).fold({ wait: true });
    const after = await get(path).set('accept-encoding', 'identity').set('if-none-match', plain.headers.etag);
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(plain.headers.etag);
  });
});
