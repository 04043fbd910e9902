import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { TestApi } from './harness';

/** Test helpers for the claim flow: needs straight in SQL, commitments through the API. */

export const DONOR_EMAIL = 'donor@demo.ksbb.id';

export interface ItemSpec {
  packageCode: string;
  quantity: number;
  unitValue: number;
}

export interface CommitmentSpec {
  collaboratorId?: string;
  programCode?: string;
  deliveryMode?: 'direct' | 'aggregator';
  aggregatorId?: string;
  items?: ItemSpec[];
  notes?: string;
}

export const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

export async function donorCollaboratorId(ds: DataSource): Promise<string> {
  const [row] = await ds.query(`SELECT collaborator_id AS id FROM users WHERE email = $1`, [DONOR_EMAIL]);
  return row.id;
}

export async function demoAggregatorId(ds: DataSource): Promise<string> {
  const [row] = await ds.query(
    `SELECT aggregator_id AS id FROM users WHERE email = 'aggregator@demo.ksbb.id'`,
  );
  return row.id;
}

/** A collaborator row in the given status (the shared factory's status parameter does not type-check in SQL). */
export async function insertCollaborator(
  ds: DataSource,
  status: 'pending' | 'verified' | 'rejected' | 'suspended' = 'verified',
): Promise<{ id: string; name: string }> {
  const name = `PT Uji ${randomBytes(4).toString('hex')}`;
  const [row] = await ds.query(
    `INSERT INTO collaborators (type, name, email, phone, status, verified_at)
     VALUES ('business', $1, $2, '+62215550000', $3::varchar, CASE WHEN $3::varchar = 'verified' THEN now() END)
     RETURNING id`,
    [name, `${randomBytes(4).toString('hex')}@example.org`, status],
  );
  return { id: row.id, name };
}

/**
 * The text of a PDF, extracted by pdf-parse in a plain Node process: pdf.js loads its worker with a dynamic
 * ESM import, which jest's module sandbox cannot run.
 */
export function pdfText(pdf: Buffer): string {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: Buffer.concat(chunks) });
      const { text } = await parser.getText();
      await parser.destroy();
      process.stdout.write(text);
    });`;
  return execFileSync(process.execPath, ['-e', script], {
    input: pdf,
    cwd: join(__dirname, '../../../..'),
    encoding: 'utf8',
    timeout: 20_000,
  });
}

/** An `open` need inserted directly (the needs module's endpoints are not needed for claims). */
export async function insertNeed(
  ds: DataSource,
  opts: { quantity: number; programCode?: string; packageCode?: string; status?: string },
): Promise<string> {
  const programCode = opts.programCode ?? 'PANGAN';
  const [row] = await ds.query(
    `INSERT INTO needs (program_code, package_id, region_code, title, quantity, status, source, source_ref, published_at)
     SELECT $1::varchar, p.id, (SELECT code FROM regions WHERE level = 'rt' ORDER BY code LIMIT 1), $3, $4, $5, 'bansos', $6, now()
       FROM packages p WHERE p.program_code = $1::varchar AND p.code = $2
     RETURNING id`,
    [
      programCode,
      opts.packageCode ?? 'SEMBAKO',
      `Kebutuhan uji ${randomBytes(3).toString('hex')}`,
      opts.quantity,
      opts.status ?? 'open',
      `test-${randomBytes(8).toString('hex')}`,
    ],
  );
  if (!row) throw new Error(`no package ${opts.packageCode} in ${programCode}`);
  return row.id;
}

export function commitmentBody(collaboratorId: string, spec: CommitmentSpec = {}): Record<string, unknown> {
  return {
    collaboratorId: spec.collaboratorId ?? collaboratorId,
    programCode: spec.programCode ?? 'PANGAN',
    deliveryMode: spec.deliveryMode ?? 'direct',
    ...(spec.aggregatorId ? { aggregatorId: spec.aggregatorId } : {}),
    items: spec.items ?? [{ packageCode: 'SEMBAKO', quantity: 100, unitValue: 250_000 }],
    plannedFrom: '2026-01-05',
    plannedTo: '2026-02-28',
    notes: spec.notes ?? 'Penyaluran bertahap per RW',
  };
}

export const SIGNATURE = { signatoryName: 'Rina Kartika', signatoryTitle: 'Direktur Utama', agree: true };

/** The donor's draft commitment (created with the donor's token unless another is given). */
export async function draftCommitment(
  api: TestApi,
  spec: CommitmentSpec = {},
  token?: string,
): Promise<{ id: string }> {
  const res = await api.http
    .post('/api/v1/commitments')
    .set(auth(token ?? (await api.tokenFor('collaborator'))))
    .send(commitmentBody(await donorCollaboratorId(api.ds), spec));
  if (res.status !== 201) throw new Error(`create commitment: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function submittedCommitment(
  api: TestApi,
  spec: CommitmentSpec = {},
): Promise<{ id: string; number: string }> {
  const { id } = await draftCommitment(api, spec);
  const res = await api.http
    .post(`/api/v1/commitments/${id}/sign`)
    .set(auth(await api.tokenFor('collaborator')))
    .send(SIGNATURE);
  if (res.status !== 200) throw new Error(`sign commitment: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Drafted and signed by the donor, approved by the demo operator. */
export async function approvedCommitment(
  api: TestApi,
  spec: CommitmentSpec = {},
): Promise<{ id: string; number: string; items: { id: string; packageCode: string }[] }> {
  const { id } = await submittedCommitment(api, spec);
  const res = await api.http
    .post(`/api/v1/commitments/${id}/approve`)
    .set(auth(await api.tokenFor('operator')));
  if (res.status !== 200) throw new Error(`approve commitment: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function claim(
  api: TestApi,
  body: { commitmentId: string; needId: string; quantity: number },
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await api.http
    .post('/api/v1/allocations')
    .set(auth(token ?? (await api.tokenFor('collaborator'))))
    .send(body);
  return { status: res.status, body: res.body };
}

export async function needRow(
  ds: DataSource,
  id: string,
): Promise<{ quantity: number; allocated: number; status: string; reserved: number }> {
  const [row] = await ds.query(
    `SELECT n.quantity, n.allocated_quantity AS allocated, n.status,
            (SELECT coalesce(sum(quantity), 0)::int FROM allocations WHERE need_id = n.id AND status = 'reserved') AS reserved
       FROM needs n WHERE n.id = $1`,
    [id],
  );
  return row;
}
