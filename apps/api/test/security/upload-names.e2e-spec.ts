import { auth, submittedHandover } from '@ksbb/testing/api';
import { startTestApi, TestApi } from '../harness';
import { PNG } from './support';

/**
 * An uploaded document's name cannot lie about it: the stored and served name ends in the extension of the type its
 * bytes show, loses bidi and control characters ("evil\u202Egnp.exe" would read "evilexe.png"), and the
 * Content-Disposition carries it encoded exactly once (RFC 6266: an ASCII `filename`, and `filename*` when needed).
 */

const bidiOrControl = (name: string): boolean =>
  [...name].some((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x61c || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  });
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');

describe('uploaded file names', () => {
  let api: TestApi;
  let handoverId: string;
  let donor: Record<string, string>;

  beforeAll(async () => {
    api = await startTestApi();
    handoverId = (await submittedHandover(api, { quantity: 1 })).id;
    donor = auth(await api.tokenFor('collaborator'));
  });
  afterAll(() => api?.close());

  const upload = (content: Buffer, filename: string) =>
    api.http.post(`/api/v1/handovers/${handoverId}/attachments`).set(donor).attach('file', content, filename);
  const download = (id: string) =>
    api.http.get(`/api/v1/handovers/${handoverId}/attachments/${id}`).set(donor).responseType('blob');
  const storedName = async (id: string): Promise<string> =>
    (await api.ds.query(`SELECT original_name FROM handover_attachments WHERE id = $1`, [id]))[0].original_name;

  it('a PNG named "evil\\u202Egnp.exe" is stored and served as .png, without the bidi override', async () => {
    const res = await upload(PNG, 'evil\u202Egnp.exe');
    expect(res.status).toBe(201);
    expect(res.body.contentType).toBe('image/png');
    expect(res.body.originalName).toBe('evilgnp.png');
    expect(await storedName(res.body.id)).toBe('evilgnp.png');

    const served = await download(res.body.id);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['content-disposition']).toBe('attachment; filename="evilgnp.png"');
  });

  it('every bidi control and other invisible characters are stripped from the name', async () => {
    const res = await upload(PDF, '\u2066laporan\u2069\u200F\u061C\u202Bakhir\u200B\u0085.pdf');
    expect(res.status).toBe(201);
    expect(res.body.originalName).toBe('laporanakhir.pdf');
    expect(bidiOrControl(await storedName(res.body.id))).toBe(false);
  });

  it('a PDF named as a photo is a .pdf; a nameless one gets a name of its type', async () => {
    const named = await upload(PDF, 'foto.jpg');
    expect(named.body).toMatchObject({ contentType: 'application/pdf', originalName: 'foto.pdf' });
    const nameless = await upload(PNG, '.exe');
    expect(nameless.body.originalName).toBe('foto.png');
  });

  it('a name beyond ASCII is encoded exactly once, as RFC 6266 filename*', async () => {
    const res = await upload(PNG, 'Serah terima Kampung Melayu — 100% ✓ asli.gif');
    expect(res.status).toBe(201);
    const name = res.body.originalName as string;
    expect(name).toBe('Serah terima Kampung Melayu — 100% ✓ asli.png');

    const disposition = (await download(res.body.id)).headers['content-disposition'] as string;
    const match = /^attachment; filename="([\x20-\x7e]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(disposition);
    expect(match).not.toBeNull();
    const [, fallback, encoded] = match as RegExpExecArray;
    // Decoding once gives back the name: no "%25" from a second encoding, nothing percent-encoded in the fallback.
    expect(decodeURIComponent(encoded)).toBe(name);
    expect(fallback).toBe('Serah terima Kampung Melayu _ 100% _ asli.png');
    expect(encoded).not.toContain('%2525');
    expect(encoded).toContain('100%25');
  });
});
