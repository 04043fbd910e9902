import { Writable } from 'node:stream';
import { METRICS_AUTH } from '@ksbb/testing';
import { auth, commitmentBody, deliveryRegion, handoverBody, needBody, SIGNATURE } from '@ksbb/testing/api';
import { startTestApi, TestApi } from '../harness';
import { expectStatus } from './support';

/**
 * Personal data in, none out: a flow that handles NIKs, phone numbers, emails and names of private persons (an
 * individual donor, a need's contact, a BAST's receiver and recipients), with the API logging at `info` into memory.
 * Then every public endpoint's answer and every log line is scanned for those values.
 */

const PERSON = {
  name: 'Sulastri Wahyuningsih',
  email: 'sulastri.wahyuningsih@surel.example.org',
  phone: '+6281277889900',
  address: 'Jl. Kenanga Nomor 7, Cempaka Putih',
  password: 'Sandi-Rahasia-77!',
};
const CONTACT = { name: 'Bambang Suryadi', role: 'Ketua RT 001', phone: '+62 813-5566-7788' };
const RECEIVER = { name: 'Wiwik Handayani', role: 'Ketua RW 01', nik: '3173034408770007' };
const RECIPIENTS = [
  { nik: '3174055712830005', name: 'Ratna Sari Dewi' },
  { nik: '3175062309910006', name: 'Agus Salim Hidayat' },
];
const BAD_NIK = '3171019999999999';
// (Not the NIKs of the OpenAPI examples: the document is public and rightly shows its made-up example.)
const WITNESS = { name: 'Yohanes Kurniawan', role: 'Warga', organization: 'RW 01' };

const NIKS = [RECEIVER.nik, ...RECIPIENTS.map((r) => r.nik), BAD_NIK];
const PHONES = [PERSON.phone, CONTACT.phone];
const EMAILS = [PERSON.email];
const NAMES = [PERSON.name, CONTACT.name, RECEIVER.name, WITNESS.name, ...RECIPIENTS.map((r) => r.name)];

/** Where a secret turns up in a text: verbatim (case-insensitive), or, for numbers, as the same digits in any layout. */
function findSecrets(text: string, extra: string[] = []): string[] {
  const lower = text.toLowerCase();
  // Digits of each JSON string value on its own, so that "0812-7788-9900" matches +6281277889900.
  const digitRuns = (text.match(/[\d+\-() .]{8,}/g) ?? []).map((s) => s.replace(/\D/g, ''));
  const national = (phone: string) => phone.replace(/\D/g, '').replace(/^62/, '');
  return [
    ...NIKS.filter((nik) => text.includes(nik) || digitRuns.some((d) => d.includes(nik))),
    ...PHONES.filter(
      (p) => lower.includes(p.toLowerCase()) || digitRuns.some((d) => d.includes(national(p))),
    ),
    ...[...EMAILS, ...NAMES, PERSON.address, ...extra].filter((s) => lower.includes(s.toLowerCase())),
  ];
}

describe('personal data stays out of public answers and logs', () => {
  const logLines: string[] = [];
  let api: TestApi;

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    api = await startTestApi({ LOG_LEVEL: 'info' }, { logDestination: destination });
  });
  afterAll(() => api?.close());

  let bastNumber = '';
  let collaboratorId = '';

  it('runs a donation by a private person with a contact, a receiver and recipients with NIKs', async () => {
    const operator = auth(await api.tokenFor('operator'));
    const registered = expectStatus(
      await api.http.post('/api/v1/auth/register').send({
        email: PERSON.email,
        password: PERSON.password,
        name: PERSON.name,
        collaborator: {
          type: 'individual',
          name: PERSON.name,
          phone: PERSON.phone,
          address: PERSON.address,
          picName: PERSON.name,
        },
      }),
      201,
      'register',
    );
    collaboratorId = registered.body.collaboratorId;
    // the link of the verification email (email-verification.e2e-spec.ts follows it): signing needs a verified email
    await api.ds.query(`UPDATE users SET email_verified_at = now() WHERE id = $1`, [registered.body.user.id]);
    expectStatus(
      await api.http.post(`/api/v1/collaborators/${collaboratorId}/verify`).set(operator),
      200,
      'verify',
    );
    // A failed login with the person's email, and then the right one.
    expect(
      (await api.http.post('/api/v1/auth/login').send({ email: PERSON.email, password: 'salah-sandi-123' }))
        .status,
    ).toBe(401);
    const person = auth((await api.login(PERSON.email, PERSON.password)).accessToken);

    const need = expectStatus(
      await api.http
        .post('/api/v1/needs')
        .set(operator)
        .send(needBody({ quantity: 5, beneficiaryCount: 5, contact: CONTACT })),
      201,
      'need',
    ).body.id;
    expectStatus(await api.http.post(`/api/v1/needs/${need}/publish`).set(operator), 200, 'publish');

    const commitment = expectStatus(
      await api.http
        .post('/api/v1/commitments')
        .set(person)
        .send(
          commitmentBody(collaboratorId, {
            items: [{ packageCode: 'SEMBAKO', quantity: 5, unitValue: 250_000 }],
          }),
        ),
      201,
      'commitment',
    ).body.id;
    expectStatus(
      await api.http
        .post(`/api/v1/commitments/${commitment}/sign`)
        .set(person)
        .send({ ...SIGNATURE, signatoryName: PERSON.name }),
      200,
      'sign',
    );
    expectStatus(
      await api.http.post(`/api/v1/commitments/${commitment}/approve`).set(operator),
      200,
      'approve',
    );
    const allocation = expectStatus(
      await api.http
        .post('/api/v1/allocations')
        .set(person)
        .send({ commitmentId: commitment, needId: need, quantity: 5 }),
      201,
      'claim',
    ).body.id;
    // The contact is the holder's to see.
    expect(JSON.stringify((await api.http.get(`/api/v1/needs/${need}`).set(person)).body)).toContain(
      CONTACT.name,
    );

    const body = handoverBody(await deliveryRegion(api.ds), [{ allocationId: allocation, quantity: 5 }], {
      giver: { name: PERSON.name, title: 'Donatur', organization: PERSON.name },
      receiver: RECEIVER,
      witnesses: [WITNESS],
      recipients: RECIPIENTS,
    });
    // A NIK that fails validation is refused; its value must not travel into the problem or the logs either.
    const bad = await api.http
      .post('/api/v1/handovers')
      .set(person)
      .send({ ...body, recipients: [{ nik: BAD_NIK, name: RECIPIENTS[0].name }] });
    expect(bad.status).toBe(400);
    expect(findSecrets(JSON.stringify(bad.body)).filter((s) => s === BAD_NIK)).toEqual([]);
    const handover = expectStatus(
      await api.http.post('/api/v1/handovers').set(person).send(body),
      201,
      'handover',
    ).body;
    expectStatus(
      await api.http.post(`/api/v1/handovers/${handover.id}/verify`).set(operator).send({}),
      200,
      'verify handover',
    );
    bastNumber = handover.bastNumber;
    // The person edits its own phone: the new one is personal data too.
    expectStatus(
      await api.http
        .patch(`/api/v1/collaborators/${collaboratorId}`)
        .set(person)
        .send({ phone: PERSON.phone, address: PERSON.address }),
      200,
      'edit profile',
    );

    // The values really went in: stored, and shown to those entitled to them.
    const [stored] = await api.ds.query(`SELECT phone, email, name FROM collaborators WHERE id = $1`, [
      collaboratorId,
    ]);
    expect(stored).toMatchObject({ phone: PERSON.phone, name: PERSON.name });
    const recipients = await api.ds.query(
      `SELECT nik_masked FROM handover_recipients WHERE handover_id = $1 ORDER BY nik_masked`,
      [handover.id],
    );
    expect(recipients.map((r: { nik_masked: string }) => r.nik_masked)).toEqual([
      '3174********0005',
      '3175********0006',
    ]);
    const staffView = await api.http.get(`/api/v1/collaborators/${collaboratorId}`).set(operator);
    expect(findSecrets(JSON.stringify(staffView.body))).toEqual(
      expect.arrayContaining([PERSON.phone, PERSON.name]),
    );
  });

  it('no public endpoint answers with a NIK, a phone number, a private email or a private name', async () => {
    const [{ village }] = await api.ds.query(
      `SELECT left(region_code, 13) AS village FROM needs WHERE status <> 'draft' LIMIT 1`,
    );
    const paths = [
      '/api/v1/public/stats',
      '/api/v1/public/needs',
      '/api/v1/public/needs?program=PANGAN&limit=100',
      `/api/v1/public/needs?region=${village}`,
      '/api/v1/public/needs/map',
      '/api/v1/public/needs/map?level=village',
      '/api/v1/public/scorecard',
      '/api/v1/public/scorecard?program=PANGAN',
      `/api/v1/public/bast/${encodeURIComponent(bastNumber)}`,
      `/api/v1/public/bast/${bastNumber}`,
      '/api/v1/public/ledger/verify',
      '/health/live',
      '/health/ready',
      '/metrics',
      '/api/docs-json',
    ];
    const found: string[] = [];
    const texts: string[] = [];
    for (const path of paths) {
      const res = await api.http.get(path).set(path === '/metrics' ? METRICS_AUTH : {});
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      texts.push(res.text);
      for (const secret of findSecrets(`${JSON.stringify(res.headers)}\n${res.text}`))
        found.push(`${path}: ${secret}`);
    }
    expect(found).toEqual([]);
    // Not vacuous: the BAST and the donor's (anonymised) row are in there.
    expect(texts.join('\n')).toContain(bastNumber);
    expect(texts.join('\n')).toMatch(/Donatur perorangan #[0-9A-F]{6}/);
  });

  it('no log line carries a NIK, a phone number, a private email, a private name, a password or a token', async () => {
    expect(logLines.length).toBeGreaterThan(20);
    const requests = logLines.map(
      (l) => JSON.parse(l) as { req?: { path?: string }; res?: { statusCode?: number } },
    );
    const paths = requests.map((r) => r.req?.path ?? '');
    for (const logged of [
      '/api/v1/auth/register',
      '/api/v1/auth/login',
      '/api/v1/handovers',
      '/api/v1/needs',
    ]) {
      expect(paths).toContain(logged);
    }
    expect(requests.some((r) => r.res?.statusCode === 400)).toBe(true);
    const found = logLines.flatMap((line) =>
      findSecrets(line, [PERSON.password, ...api.issuedTokens()]).map(
        (s) => `${s.slice(0, 24)} in ${line.slice(0, 160)}`,
      ),
    );
    expect(found).toEqual([]);
  });

  it('has a scan that finds what it looks for, however it is written', () => {
    expect(findSecrets('{"phone":"0812-7788-9900"}')).toEqual([PERSON.phone]);
    expect(findSecrets('{"hp":"(0813) 5566 7788"}')).toEqual([CONTACT.phone]);
    expect(findSecrets(`nik ${RECIPIENTS[1].nik.slice(0, 8)} ${RECIPIENTS[1].nik.slice(8)}`)).toEqual([
      RECIPIENTS[1].nik,
    ]);
    expect(findSecrets('"to":"SULASTRI.WAHYUNINGSIH@surel.example.org"')).toEqual([PERSON.email]);
    expect(findSecrets('diterima oleh ratna sari dewi')).toEqual([RECIPIENTS[0].name]);
    expect(
      findSecrets('{"nikMasked":"3171********0001","at":"2026-01-12T03:30:00.000Z","n":1736652600000}'),
    ).toEqual([]);
  });
});
