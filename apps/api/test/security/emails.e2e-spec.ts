import { randomBytes } from 'node:crypto';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, newCollaborator } from '@ksbb/testing';
import { auth } from '@ksbb/testing/api';
import { startTestApi, TestApi } from '../harness';

/**
 * Email addresses are one mechanism (`IsEmailAddress`) on every route that takes one: NFKC-normalised and lower-cased,
 * with invisible, direction-changing, control and mixed-script addresses refused by a coded 400 field error in the
 * caller's language. Organisations and accounts that only look like existing ones are flagged to Pokja.
 */

const STRONG = 'kerbau-merah menari di Ciliwung';
const tag = (): string => randomBytes(3).toString('hex');

interface FieldErrorBody {
  field: string;
  message: string;
  code?: string;
}

describe('email addresses: normalised, and spoofing forms refused', () => {
  let api: TestApi;
  let admin: Record<string, string>;
  let operator: Record<string, string>;

  beforeAll(async () => {
    api = await startTestApi();
    admin = auth(await api.tokenFor('admin'));
    operator = auth(await api.tokenFor('operator'));
  });
  afterAll(() => api?.close());

  const counts = async (): Promise<{ users: number; collaborators: number }> => {
    const [row] = await api.ds.query(
      `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM collaborators)::int AS collaborators`,
    );
    return row;
  };

  const register = (email: string, language?: string, orgName = `Yayasan Uji ${tag()}`) => {
    const req = api.http.post('/api/v1/auth/register');
    if (language) req.set('accept-language', language);
    return req.send({ email, password: STRONG, name: 'Pendaftar Uji', collaborator: { type: 'civil_society', name: orgName } });
  };

  const SPOOFS: [what: string, email: string, code: string][] = [
    ['a zero-width space', 'ad\u200bmin@demo.ksbb.id', 'email_zero_width'],
    ['a zero-width joiner', 'donor\u200d@demo.ksbb.id', 'email_zero_width'],
    ['a word joiner', 'operator\u2060@demo.ksbb.id', 'email_zero_width'],
    ['a byte-order mark', '\ufeffviewer@demo.ksbb.id', 'email_zero_width'],
    ['a right-to-left override', 'admin\u202e@demo.ksbb.id', 'email_bidi_control'],
    ['a right-to-left isolate', 'admin@demo\u2067.ksbb.id', 'email_bidi_control'],
    ['a left-to-right mark', 'admin\u200e@demo.ksbb.id', 'email_bidi_control'],
    ['an Arabic letter mark', 'admin\u061c@demo.ksbb.id', 'email_bidi_control'],
    ['a soft hyphen', 'ad\u00admin@demo.ksbb.id', 'email_control_character'],
    ['Cyrillic а among Latin letters', '\u0430dmin@demo.ksbb.id', 'email_mixed_script'],
    ['Greek ο in a Latin domain label', 'rina@ksbb.g\u03bf.id', 'email_mixed_script'],
  ];

  it.each(SPOOFS)('refuses an address with %s at registration: 400, coded, nothing created', async (_what, email, code) => {
    const before = await counts();
    const res = await register(email);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const errors = res.body.errors as FieldErrorBody[];
    expect(errors).toEqual([expect.objectContaining({ field: 'email', code })]);
    expect(res.body).not.toHaveProperty('errors.0.messages');
    expect(await counts()).toEqual(before);
  });

  it('answers in the caller language (Accept-Language), English otherwise', async () => {
    const id = await register('\u0430dmin@contoh.example.org', 'id-ID,id;q=0.9,en;q=0.5');
    expect(id.status).toBe(400);
    expect(id.body.errors[0].message).toMatch(/aksara/);
    expect(id.body.detail).toMatch(/^email .*aksara/);
    const en = await register('\u0430dmin@contoh.example.org', 'en-GB');
    expect(en.body.errors[0].message).toMatch(/scripts/);
    const none = await register('\u0430dmin@contoh.example.org');
    expect(none.body.errors[0].message).toBe(en.body.errors[0].message);
  });

  it('is the same mechanism on every route that takes an email', async () => {
    const spoof = 'op\u200berator@demo.ksbb.id';
    const before = await counts();
    const routes = [
      api.http.post('/api/v1/users').set(admin).send({ email: spoof, password: STRONG, name: 'Petugas', role: 'viewer' }),
      api.http.post('/api/v1/collaborators').set(operator).send({ type: 'business', name: `PT Uji ${tag()}`, email: spoof }),
      api.http.post('/api/v1/auth/login').send({ email: spoof, password: DEMO_PASSWORD }),
    ];
    for (const res of await Promise.all(routes)) {
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'email', code: 'email_zero_width' })]);
    }
    expect(await counts()).toEqual(before);
  });

  it('NFKC-normalises: a full-width ＡＤＭＩＮ@… is the existing admin account (409), and signs in as it', async () => {
    const before = await counts();
    const fullWidth = '\uff21\uff24\uff2d\uff29\uff2e@demo.ksbb.id'; // ＡＤＭＩＮ
    const clash = await register(fullWidth);
    expect(clash.status).toBe(409);
    expect(await counts()).toEqual(before);

    const login = await api.http.post('/api/v1/auth/login').send({ email: `  \uff21\uff24\uff2d\uff29\uff2e@\uff44\uff45\uff4d\uff4f.ksbb.id `, password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user.email).toBe(DEMO_ACCOUNTS.admin);
  });

  it('stores a compatibility-form address in its normal form, and the account signs in with either', async () => {
    const local = `rina${tag()}`;
    const fullWidthLocal = [...local].map((c) => String.fromCodePoint((c.codePointAt(0) ?? 0) + 0xfee0)).join('');
    const res = await register(`${fullWidthLocal}@Contoh.Example.ORG`);
    expect(res.status).toBe(201);
    expect(res.body.user.email).toBe(`${local}@contoh.example.org`);
    expect((await api.http.post('/api/v1/auth/login').send({ email: `${local}@contoh.example.org`, password: STRONG })).status).toBe(200);
    expect((await api.http.post('/api/v1/auth/login').send({ email: `${fullWidthLocal}@contoh.example.org`, password: STRONG })).status).toBe(200);
  });

  it('accepts an address written in one non-Latin script', async () => {
    const res = await register(`\u0440\u0438\u043d\u0430.${Date.now()}@example.org`); // рина.…
    expect(res.status).toBe(201);
  });

  describe('look-alikes in the verification queue', () => {
    let existingId: string;
    let spoofId: string;
    let spoofEmail: string;

    beforeAll(async () => {
      existingId = (await newCollaborator(api.ds, { name: 'Yayasan Peduli', status: 'verified' })).id;
      // A Greek capital Rho for the P; and a member whose email looks like the demo donor's (0 for o).
      spoofEmail = `d0nor@demo.ksbb.id`;
      const res = await register(spoofEmail, undefined, 'Yayasan \u03a1eduli');
      expect(res.status).toBe(201);
      spoofId = res.body.collaboratorId;
    });

    const pendingEntry = async (headers: Record<string, string>) => {
      const res = await api.http.get('/api/v1/collaborators?status=pending&limit=100').set(headers);
      expect(res.status).toBe(200);
      return (res.body.data as { id: string; lookAlikes?: unknown[] }[]).find((c) => c.id === spoofId);
    };

    it('flags the organisation that looks like an existing one to an operator', async () => {
      const entry = await pendingEntry(operator);
      expect(entry?.lookAlikes).toEqual([{ id: existingId, name: 'Yayasan Peduli', kind: 'collaborator' }]);
    });

    it("also flags, to an admin, the member account that looks like another one's", async () => {
      const [donor] = await api.ds.query(`SELECT id FROM users WHERE email = $1`, [DEMO_ACCOUNTS.collaborator]);
      const entry = await pendingEntry(admin);
      expect(entry?.lookAlikes).toEqual(
        expect.arrayContaining([
          { id: existingId, name: 'Yayasan Peduli', kind: 'collaborator' },
          { id: donor.id, name: DEMO_ACCOUNTS.collaborator, kind: 'user' },
        ]),
      );
    });

    it('flags nothing on an organisation that looks like no other', async () => {
      const res = await register(`unik${tag()}@example.org`, undefined, `Perkumpulan Tiada Duanya ${tag()}`);
      const list = await api.http.get('/api/v1/collaborators?status=pending&limit=100').set(operator);
      const entry = (list.body.data as { id: string; lookAlikes?: unknown[] }[]).find((c) => c.id === res.body.collaboratorId);
      expect(entry?.lookAlikes).toEqual([]);
    });

    it('shows nothing of it to the collaborator itself or to a viewer', async () => {
      const member = auth((await api.login(spoofEmail, STRONG)).accessToken);
      const own = await api.http.get('/api/v1/collaborators').set(member);
      expect(own.status).toBe(200);
      expect(own.body.data).toHaveLength(1);
      expect(own.body.data[0].id).toBe(spoofId);
      expect(own.body.data[0]).not.toHaveProperty('lookAlikes');
      expect(JSON.stringify(own.body)).not.toContain(existingId);

      const viewer = auth(await api.tokenFor('viewer'));
      const entry = await pendingEntry(viewer);
      expect(entry).toBeDefined();
      expect(entry).not.toHaveProperty('lookAlikes');
    });
  });
});
