import { bastVerificationUrl } from '@ksbb/core';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { startTestApi, TestApi } from '../../test/harness';
import {
  auth,
  insertCollaborator,
  pdfQrModules,
  pdfText,
  submittedHandover,
  verifyHandover,
} from '@ksbb/testing/api';
import { newUser } from '@ksbb/testing';

const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF foto serah terima'),
]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
const PDF = Buffer.from('%PDF-1.4\n% lampiran\n');

describe('BAST documents and attachments', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ PUBLIC_BASE_URL: 'https://ksbb.jakarta.go.id' });
  });
  afterAll(() => api.close());

  it('renders the BAST in Bahasa Indonesia with parties, items, hash and a QR code of its public URL', async () => {
    const h = await submittedHandover(api, { quantity: 7 });
    const verified = await verifyHandover(api, h.id);
    expect(verified.status).toBe(200);
    const res = await api.http
      .get(`/api/v1/handovers/${h.id}/bast.pdf`)
      .set(auth(await api.tokenFor('collaborator')))
      .responseType('blob');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`${h.bastNumber.replace(/\//g, '-')}.pdf`);
    const text = pdfText(res.body).replace(/\s+/g, ' ');
    for (const expected of [
      'BERITA ACARA SERAH TERIMA',
      `Nomor: ${h.bastNumber}`,
      'Pada hari ini Senin, tanggal 12 Januari 2026, pukul 10.30 WIB',
      'bertempat di Balai Warga RW 05',
      'PIHAK PERTAMA',
      'PIHAK KEDUA',
      'SAKSI-SAKSI',
      'Rina Kartika',
      'Budi Santoso',
      'Ketua RW 05',
      'Sari Wulandari',
      'Satpol PP',
      '(SEMBAKO)',
      'Jumlah seluruhnya 7',
      String(verified.body.contentHash),
      String(verified.body.chainHash),
    ]) {
      expect(text).toContain(expected);
    }

    const url = bastVerificationUrl('https://ksbb.jakarta.go.id', h.bastNumber);
    // the public site's page, a readable path that keeps the number's slashes
    expect(url).toBe(`https://ksbb.jakarta.go.id/bast/${h.bastNumber}`);
    expect(h.bastNumber).toMatch(/^BAST\/[A-Z0-9_]+\/\d{4}\/\d{6}$/);
    expect(verified.body.verificationUrl).toBe(url);
    expect(text).toContain(url);
    const expected = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    const matrix = Array.from({ length: expected.size }, (_, y) =>
      Array.from({ length: expected.size }, (_, x) => expected.get(y, x) === 1),
    );
    expect(pdfQrModules(res.body, expected.size, 2)).toEqual(matrix);
    // …and the public JSON of that BAST (what the page at that URL shows) answers with the same URL.
    const check = await api.http.get(`/api/v1/public${new URL(url).pathname}`);
    expect(check.status).toBe(200);
    expect(check.body.contentHash).toBe(verified.body.contentHash);
    expect(check.body.verificationUrl).toBe(url);
    expect(check.body.ledger.ok).toBe(true);
  });

  it('accepts photos and PDFs by content, serves them to whoever sees the handover, and refuses the rest', async () => {
    const h = await submittedHandover(api, { quantity: 1 });
    const donor = await api.tokenFor('collaborator');
    const upload = (content: Buffer, filename: string, token = donor) =>
      api.http
        .post(`/api/v1/handovers/${h.id}/attachments`)
        .set(auth(token))
        .attach('file', content, filename);

    const photo = await upload(JPEG, '../../foto serah terima.png');
    expect(photo.status).toBe(201);
    expect(photo.body).toMatchObject({
      contentType: 'image/jpeg',
      sizeBytes: JPEG.length,
      // The name takes the extension of what the bytes are.
      originalName: 'foto serah terima.jpg',
    });
    expect((await upload(PNG, 'foto.png')).body.contentType).toBe('image/png');
    expect((await upload(PDF, 'scan')).body.contentType).toBe('application/pdf');

    const fake = await upload(Buffer.from('ini bukan foto, hanya teks biasa'), 'foto.jpg');
    expect(fake.status).toBe(415);
    expect(fake.headers['content-type']).toContain('application/problem+json');

    const big = Buffer.concat([JPEG, Buffer.alloc(10 * 1024 * 1024 + 1)]);
    // The server may answer before it has read the whole body; supertest then reports the response as an error.
    const tooLarge = await upload(big, 'besar.jpg').then(
      (r) => ({ status: r.status, headers: r.headers as Record<string, string> }),
      (e: { response?: { status: number; headers: Record<string, string> } }) => {
        if (!e.response) throw e;
        return e.response;
      },
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers['content-type']).toContain('application/problem+json');

    const other = await insertCollaborator(api.ds, 'verified');
    const stranger = await newUser(api.ds, 'collaborator', { collaboratorId: other.id });
    const { accessToken } = await api.login(stranger.email, stranger.password);
    expect((await upload(PNG, 'x.png', accessToken)).status).toBe(404);
    expect((await upload(PNG, 'x.png', await api.tokenFor('viewer'))).status).toBe(403);

    const download = await api.http
      .get(`/api/v1/handovers/${h.id}/attachments/${photo.body.id}`)
      .set(auth(await api.tokenFor('viewer')))
      .responseType('blob');
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(download.body, JPEG)).toBe(0);
    const hidden = await api.http
      .get(`/api/v1/handovers/${h.id}/attachments/${photo.body.id}`)
      .set(auth(accessToken));
    expect(hidden.status).toBe(404);

    const listed = await api.http.get(`/api/v1/handovers/${h.id}`).set(auth(donor));
    expect(listed.body.attachments).toHaveLength(3);
    const [{ keys }] = await api.ds.query(
      `SELECT array_agg(storage_key) AS keys FROM handover_attachments WHERE handover_id = $1`,
      [h.id],
    );
    for (const key of keys as string[]) {
      expect(key).toMatch(/^handovers\/[0-9a-f-]{36}$/);
      expect(existsSync(join(api.config.STORAGE_DIR, key))).toBe(true);
    }
    // Refused uploads leave no file behind.
    expect(readdirSync(join(api.config.STORAGE_DIR, 'handovers'))).toHaveLength(3);

    expect((await verifyHandover(api, h.id)).status).toBe(200);
    const sealed = await upload(PNG, 'terlambat.png');
    expect(sealed.status).toBe(409);
  });
});
