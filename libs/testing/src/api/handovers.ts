import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { TestApi } from './harness';
import { approvedCommitment, auth, claim, CommitmentSpec, insertNeed } from './commitments';

/** Test helpers for handovers: an approved commitment with a claim, and a handover body around it. */

export interface Claimed {
  commitmentId: string;
  allocationId: string;
  needId: string;
}

/** The donor's approved commitment for `quantity` of one package, with one allocation of `quantity` on a new need. */
export async function claimedAllocation(
  api: TestApi,
  opts: { quantity?: number; needQuantity?: number; spec?: CommitmentSpec; token?: string } = {},
): Promise<Claimed> {
  const quantity = opts.quantity ?? 10;
  const spec = opts.spec ?? {};
  const item = spec.items?.[0] ?? { packageCode: 'SEMBAKO', quantity, unitValue: 250_000 };
  const commitment = await approvedCommitment(api, { ...spec, items: [item] });
  const needId = await insertNeed(api.ds, {
    quantity: opts.needQuantity ?? quantity,
    programCode: spec.programCode ?? 'PANGAN',
    packageCode: item.packageCode,
  });
  const res = await claim(api, { commitmentId: commitment.id, needId, quantity }, opts.token);
  if (res.status !== 201) throw new Error(`claim: ${res.status} ${JSON.stringify(res.body)}`);
  return { commitmentId: commitment.id, allocationId: String(res.body.id), needId };
}

export async function deliveryRegion(ds: DataSource): Promise<string> {
  const [row] = await ds.query(`SELECT code FROM regions WHERE level = 'rw' ORDER BY code LIMIT 1`);
  return row.code;
}

export function handoverBody(
  regionCode: string,
  items: { allocationId: string; quantity: number }[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    items,
    handedOverAt: '2026-01-12T03:30:00.000Z',
    location: { regionCode, lon: 106.8272, lat: -6.1754, address: 'Balai Warga RW 05, Jl. Tanah Abang II' },
    giver: { name: 'Rina Kartika', title: 'Manajer CSR', organization: 'PT Demo Peduli Sesama' },
    receiver: { name: 'Budi Santoso', role: 'Ketua RW 05' },
    witnesses: [
      { name: 'Sari Wulandari', role: 'Lurah', organization: 'Kelurahan Gambir' },
      { name: 'Joko Prasetyo', role: 'Anggota', organization: 'Satpol PP' },
    ],
    notes: 'Diterima dalam keadaan baik',
    ...extra,
  };
}

export async function submitHandover(
  api: TestApi,
  body: Record<string, unknown>,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> & { id: string; bastNumber: string } }> {
  const res = await api.http
    .post('/api/v1/handovers')
    .set(auth(token ?? (await api.tokenFor('collaborator'))))
    .send(body);
  return { status: res.status, body: res.body };
}

/** A submitted handover of the whole of a fresh allocation; returns its id, number and allocation. */
export async function submittedHandover(
  api: TestApi,
  opts: { quantity?: number; extra?: Record<string, unknown> } = {},
): Promise<Claimed & { id: string; bastNumber: string }> {
  const claimed = await claimedAllocation(api, { quantity: opts.quantity });
  const body = handoverBody(
    await deliveryRegion(api.ds),
    [{ allocationId: claimed.allocationId, quantity: opts.quantity ?? 10 }],
    opts.extra,
  );
  const res = await submitHandover(api, body);
  if (res.status !== 201) throw new Error(`submit handover: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...claimed, id: res.body.id, bastNumber: res.body.bastNumber };
}

export async function verifyHandover(
  api: TestApi,
  id: string,
  body: Record<string, unknown> = {},
  role: 'operator' | 'admin' = 'operator',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await api.http
    .post(`/api/v1/handovers/${id}/verify`)
    .set(auth(await api.tokenFor(role)))
    .send(body);
  return { status: res.status, body: res.body };
}

/**
 * The QR code embedded in a PDF, read back as its module matrix (true = dark), sampled at each module's centre.
 * pdf.js extracts the image (in a plain Node process, like `pdfText`) and pngjs decodes its pixels.
 */
export function pdfQrModules(pdf: Buffer, size: number, margin: number): boolean[][] {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const { PNG } = require('pngjs');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: Buffer.concat(chunks) });
      const result = await parser.getImage({ imageBuffer: true, imageDataUrl: false });
      await parser.destroy();
      const images = result.pages.flatMap((p) => p.images);
      const png = PNG.sync.read(Buffer.from(images[0].data));
      const cell = png.width / (${size} + 2 * ${margin});
      const rows = [];
      for (let y = 0; y < ${size}; y++) {
        const row = [];
        for (let x = 0; x < ${size}; x++) {
          const px = Math.floor((x + ${margin} + 0.5) * cell), py = Math.floor((y + ${margin} + 0.5) * cell);
          row.push(png.data[(py * png.width + px) * 4] < 128);
        }
        rows.push(row);
      }
      process.stdout.write(JSON.stringify({ count: images.length, rows }));
    });`;
  const out = execFileSync(process.execPath, ['-e', script], {
    input: pdf,
    cwd: join(__dirname, '../../../..'),
    encoding: 'utf8',
    timeout: 20_000,
  });
  return (JSON.parse(out) as { rows: boolean[][] }).rows;
}
