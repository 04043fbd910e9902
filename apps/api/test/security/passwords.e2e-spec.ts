import { randomBytes } from 'node:crypto';
import { newUser } from '@ksbb/testing';
import { auth } from '@ksbb/testing/api';
import { startTestApi, TestApi } from '../harness';

/**
 * Every new password (sign-up, an account created or changed by an admin) goes through one strength check
 * (zxcvbn-ts, score ≥ 3, the account's email and name as penalised words): a guessable one is refused with 400
 * `password_too_weak` in the caller's language, with the library's advice, and nothing is written.
 */

const STRONG = 'kerbau-merah menari di Ciliwung';
const tag = (): string => randomBytes(3).toString('hex');

describe('passwords: common and guessable ones are refused', () => {
  let api: TestApi;
  let admin: Record<string, string>;

  beforeAll(async () => {
    api = await startTestApi();
    admin = auth(await api.tokenFor('admin'));
  });
  afterAll(() => api?.close());

  const users = async (): Promise<number> => (await api.ds.query(`SELECT count(*)::int AS n FROM users`))[0].n;

  const register = (password: string, language: string, email = `pendaftar.${tag()}@example.org`, name = 'Pendaftar Uji') =>
    api.http
      .post('/api/v1/auth/register')
      .set('accept-language', language)
      .send({ email, password, name, collaborator: { type: 'individual', name } });

  // (Every row has all four values: jest passes a callback for missing ones.)
  const WEAK: [what: string, password: string, email: string | undefined, name: string | undefined][] = [
    ['password123', 'password123', undefined, undefined],
    ['Password1!', 'Password1!', undefined, undefined],
    ['one derived from the email and name', 'Sulastri.Wahyuni1', `sulastri.wahyuni.${tag()}@surel.example.org`, 'Sulastri Wahyuni'],
    ['a keyboard row', 'qwertyuiop', undefined, undefined],
    ['an Indonesian common word with a year', 'rahasia2024', undefined, undefined],
  ];

  describe.each([
    ['en', /too easy to guess/],
    ['id', /terlalu mudah ditebak/],
  ])('in %s', (language, expected) => {
    it.each(WEAK)('refuses %s with 400 password_too_weak and creates nothing', async (_what, password, email, name) => {
      const before = await users();
      const res = await register(password, language, email, name);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([
        { field: 'password', code: 'password_too_weak', message: expect.stringMatching(expected) },
      ]);
      expect(res.body.detail).toMatch(expected);
      expect(await users()).toBe(before);
    });
  });

  it("passes on the library's advice (Indonesian for id)", async () => {
    const en = await register('password123', 'en');
    expect(en.body.errors[0].message).toMatch(/commonly used password/);
    const id = await register('password123', 'id');
    expect(id.body.errors[0].message).toMatch(/kata sandi yang umum dipakai/);
    const derived = await register('Sulastri.Wahyuni1', 'en', `sulastri.wahyuni.${tag()}@surel.example.org`, 'Sulastri Wahyuni');
    expect(derived.body.errors[0].message).toMatch(/your email address or your name/);
  });

  it('checks an account created by an admin and a password changed by an admin', async () => {
    const before = await users();
    const created = await api.http
      .post('/api/v1/users')
      .set(admin)
      .set('accept-language', 'id')
      .send({ email: `petugas.${tag()}@ksbb.example.org`, password: 'Password1!', name: 'Petugas Baru', role: 'viewer' });
    expect(created.status).toBe(400);
    expect(created.body.errors[0]).toMatchObject({ field: 'password', code: 'password_too_weak' });
    expect(await users()).toBe(before);

    const user = await newUser(api.ds, 'viewer');
    const [{ password_hash: hashBefore }] = await api.ds.query(`SELECT password_hash FROM users WHERE id = $1`, [user.id]);
    const changed = await api.http.patch(`/api/v1/users/${user.id}`).set(admin).send({ password: 'password123' });
    expect(changed.status).toBe(400);
    expect(changed.body.errors[0]).toMatchObject({ field: 'password', code: 'password_too_weak' });
    const [{ password_hash: hashAfter }] = await api.ds.query(`SELECT password_hash FROM users WHERE id = $1`, [user.id]);
    expect(hashAfter).toBe(hashBefore);

    const strong = await api.http.patch(`/api/v1/users/${user.id}`).set(admin).send({ password: STRONG });
    expect(strong.status).toBe(200);
    expect((await api.http.post('/api/v1/auth/login').send({ email: user.email, password: STRONG })).status).toBe(200);
  });

  it('accepts a strong passphrase, and the account signs in with it', async () => {
    const email = `kuat.${tag()}@example.org`;
    const res = await register(STRONG, 'id', email);
    expect(res.status).toBe(201);
    expect((await api.http.post('/api/v1/auth/login').send({ email, password: STRONG })).status).toBe(200);
  });
});
