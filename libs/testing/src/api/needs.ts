import { DataSource } from 'typeorm';
import type { TestApi } from './harness';

export const RT_JAKPUS = '31.71.01.1001.RW01.RT001';
export const RT_JAKUT = '31.72.01.1001.RW01.RT001';

export type NeedBody = Record<string, unknown>;

export function needBody(overrides: NeedBody = {}): NeedBody {
  return {
    programCode: 'PANGAN',
    packageCode: 'SEMBAKO',
    regionCode: RT_JAKPUS,
    title: 'Sembako untuk 40 KK di RT 001',
    description: 'Keluarga penerima bansos yang belum terjangkau',
    quantity: 40,
    beneficiaryCount: 40,
    source: 'bansos',
    sourceRef: `BANSOS-${Math.random().toString(36).slice(2, 10)}`,
    location: { lon: 106.8208, lat: -6.1828 },
    contact: { name: 'Budi Santoso', role: 'Ketua RT 001', phone: '+62812345678' },
    dueDate: '2021-03-31',
    ...overrides,
  };
}

/** Creates a need as the operator and returns its body (asserting the 201). */
export async function createNeed(
  api: TestApi,
  overrides: NeedBody = {},
): Promise<{ id: string; version: number } & NeedBody> {
  const res = await api.http
    .post('/api/v1/needs')
    .set({ authorization: `Bearer ${await api.tokenFor('operator')}` })
    .send(needBody(overrides));
  if (res.status !== 201) throw new Error(`create need failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * An active allocation on the need held by the collaborator (delivered directly, or through the aggregator when one
 * is given), written straight to the tables the claim flow uses; the need's allocated quantity follows.
 */
export async function allocateBySql(
  ds: DataSource,
  needId: string,
  holder: { collaboratorId: string; aggregatorId?: string },
  quantity = 1,
  status = 'reserved',
): Promise<string> {
  const [need] = await ds.query(`SELECT program_code, package_id FROM needs WHERE id = $1`, [needId]);
  const [commitment] = await ds.query(
    `INSERT INTO commitments (collaborator_id, program_code, delivery_mode, aggregator_id, planned_from, planned_to, status)
     VALUES ($1, $2, $3, $4, '2021-01-01', '2021-12-31', 'approved') RETURNING id`,
    [
      holder.collaboratorId,
      need.program_code,
      holder.aggregatorId ? 'aggregator' : 'direct',
      holder.aggregatorId ?? null,
    ],
  );
  const [item] = await ds.query(
    `INSERT INTO commitment_items (commitment_id, package_id, quantity, unit_value, allocated_quantity)
     VALUES ($1, $2, $3, 250000, $3) RETURNING id`,
    [commitment.id, need.package_id, quantity],
  );
  const [allocation] = await ds.query(
    `INSERT INTO allocations (commitment_id, commitment_item_id, need_id, quantity, status, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + interval '14 days') RETURNING id`,
    [commitment.id, item.id, needId, quantity, status],
  );
  await ds.query(`UPDATE needs SET allocated_quantity = allocated_quantity + $2 WHERE id = $1`, [
    needId,
    quantity,
  ]);
  return allocation.id;
}

/** The collaborator and aggregator a user belongs to. */
export async function organisationOf(
  ds: DataSource,
  email: string,
): Promise<{ collaboratorId: string | null; aggregatorId: string | null }> {
  const [row] = await ds.query(
    `SELECT collaborator_id AS "collaboratorId", aggregator_id AS "aggregatorId" FROM users WHERE email = $1`,
    [email],
  );
  return row;
}
