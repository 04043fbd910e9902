import { DEMO_ACCOUNTS } from '@ksbb/testing';
import { approvedCommitment, auth, insertNeed } from '@ksbb/testing/api';
import { startTestApi, TestApi } from '../harness';
import { isProblem } from './support';

/**
 * Every problem carries a stable `code`, and its `detail` follows Accept-Language: Indonesian from the code's
 * catalogue text, English the error's own specific text (the default).
 */
describe('problem codes and the language of detail', () => {
  let api: TestApi;
  let donor: Record<string, string>;
  let operator: Record<string, string>;

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_LIMIT_PER_ACCOUNT: '1000', LOGIN_LIMIT_PER_IP: '1000' });
    donor = auth(await api.tokenFor('collaborator'));
    operator = auth(await api.tokenFor('operator'));
  });
  afterAll(() => api?.close());

  type Answer = { status: number; code: string; detail: string; problem: boolean };
  const answer = (res: {
    status: number;
    body: { code: string; detail: string };
    headers: Record<string, string>;
  }): Answer => ({
    status: res.status,
    code: res.body.code,
    detail: res.body.detail,
    problem: isProblem(res),
  });

  it('a login with a wrong password: invalid_credentials, wholly Indonesian with Accept-Language: id', async () => {
    const login = (language: string) =>
      api.http
        .post('/api/v1/auth/login')
        .set('accept-language', language)
        .send({ email: DEMO_ACCOUNTS.operator, password: 'not-the-password' });
    expect(answer(await login('id-ID,id;q=0.9,en;q=0.8'))).toEqual({
      status: 401,
      code: 'invalid_credentials',
      detail: 'Email atau kata sandi salah.',
      problem: true,
    });
    expect(answer(await login('en'))).toEqual({
      status: 401,
      code: 'invalid_credentials',
      detail: expect.stringMatching(/^the email or password is wrong/),
      problem: true,
    });
  });

  it('no credentials: 401 unauthenticated', async () => {
    const me = (language: string) => api.http.get('/api/v1/auth/me').set('accept-language', language);
    expect(answer(await me('id'))).toEqual({
      status: 401,
      code: 'unauthenticated',
      detail: 'Anda perlu masuk terlebih dahulu.',
      problem: true,
    });
    expect(answer(await me('en'))).toEqual({
      status: 401,
      code: 'unauthenticated',
      detail: 'authentication is required',
      problem: true,
    });
  });

  it('a need that does not exist: 404 not_found; a route that does not exist: 404 route_not_found', async () => {
    const missing = '6f1c2a4e-8b1d-4c3e-9f2a-1b2c3d4e5f60';
    const need = (language: string) =>
      api.http.get(`/api/v1/needs/${missing}`).set(operator).set('accept-language', language);
    expect(answer(await need('in'))).toEqual({
      status: 404,
      code: 'not_found',
      detail: 'Data tidak ditemukan, atau Anda tidak berhak melihatnya.',
      problem: true,
    });
    expect(answer(await need('en-GB'))).toEqual({
      status: 404,
      code: 'not_found',
      detail: `need ${missing} was not found`,
      problem: true,
    });
    const route = await api.http.get('/api/v1/no-such-route').set(operator).set('accept-language', 'id');
    expect(answer(route)).toMatchObject({
      status: 404,
      code: 'route_not_found',
      detail: 'Alamat API ini tidak ada.',
    });
  });

  it('a claim beyond what is left: 409 insufficient_quantity, with the numbers in both languages', async () => {
    const needId = await insertNeed(api.ds, { quantity: 2 });
    const commitment = await approvedCommitment(api, {
      items: [{ packageCode: 'SEMBAKO', quantity: 100, unitValue: 200_000 }],
    });
    const claim = (language: string) =>
      api.http
        .post('/api/v1/allocations')
        .set(donor)
        .set('accept-language', language)
        .send({ commitmentId: commitment.id, needId, quantity: 5 });
    expect(answer(await claim('id'))).toEqual({
      status: 409,
      code: 'insufficient_quantity',
      detail: 'Hanya tersisa 2 pada kebutuhan; diminta 5.',
      problem: true,
    });
    expect(answer(await claim('en;q=0.9, id;q=0.1'))).toEqual({
      status: 409,
      code: 'insufficient_quantity',
      detail: 'only 2 left on the need; 5 requested',
      problem: true,
    });
  });

  it('an invalid body: 400 validation_failed naming the field; a body that is not JSON: 400 invalid_json', async () => {
    const invalid = (language: string) =>
      api.http
        .post('/api/v1/allocations')
        .set(donor)
        .set('accept-language', language)
        .send({ commitmentId: 'x', needId: '6f1c2a4e-8b1d-4c3e-9f2a-1b2c3d4e5f60', quantity: 1 });
    const id = await invalid('id');
    expect(answer(id)).toEqual({
      status: 400,
      code: 'validation_failed',
      detail: 'Isian tidak valid: commitmentId.',
      problem: true,
    });
    expect(id.body.errors).toEqual([expect.objectContaining({ field: 'commitmentId' })]);
    expect(answer(await invalid('en'))).toEqual({
      status: 400,
      code: 'validation_failed',
      detail: expect.stringMatching(/^commitmentId /),
      problem: true,
    });
    const notJson = await api.http
      .post('/api/v1/allocations')
      .set(donor)
      .set('accept-language', 'id')
      .set('content-type', 'application/json')
      .send('{"quantity": ');
    expect(answer(notJson)).toEqual({
      status: 400,
      code: 'invalid_json',
      detail: 'Isi permintaan bukan JSON yang valid.',
      problem: true,
    });
  });

  it('without Accept-Language: English detail, and still a code', async () => {
    const res = await api.http.get('/api/v1/auth/me');
    expect(answer(res)).toEqual({
      status: 401,
      code: 'unauthenticated',
      detail: 'authentication is required',
      problem: true,
    });
  });
});
