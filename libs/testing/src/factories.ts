import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CollaboratorStatus, CollaboratorType, hashPassword, Role } from '@ksbb/core';
import { DEMO_PASSWORD } from './config';

const suffix = (): string => randomBytes(4).toString('hex');

export interface NewCollaborator {
  id: string;
  name: string;
}

export async function newCollaborator(
  ds: DataSource,
  opts: { type?: CollaboratorType; status?: CollaboratorStatus; name?: string } = {},
): Promise<NewCollaborator> {
  const name = opts.name ?? `PT Uji ${suffix()}`;
  const [row] = await ds.query(
    `INSERT INTO collaborators (type, name, email, phone, status, verified_at)
     VALUES ($1, $2, $3, $4, $5::varchar, CASE WHEN $5::varchar = 'verified' THEN now() END) RETURNING id`,
    [opts.type ?? 'business', name, `${suffix()}@example.org`, '+62215550000', opts.status ?? 'verified'],
  );
  return { id: row.id, name };
}

export async function newAggregator(ds: DataSource, opts: { programCodes?: string[]; name?: string } = {}): Promise<{ id: string; name: string }> {
  const name = opts.name ?? `Yayasan Uji ${suffix()}`;
  const [row] = await ds.query(
    `INSERT INTO aggregators (name, program_codes, region_codes, email, status) VALUES ($1, $2, $3, $4, 'active') RETURNING id`,
    [name, opts.programCodes ?? ['PANGAN'], ['31'], `${suffix()}@example.org`],
  );
  return { id: row.id, name };
}

export interface NewUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  collaboratorId: string | null;
  aggregatorId: string | null;
}

/** A user of the given role; collaborator and aggregator users get a fresh organisation unless one is given. */
export async function newUser(
  ds: DataSource,
  role: Role,
  opts: { collaboratorId?: string; aggregatorId?: string; password?: string; language?: 'id' | 'en'; kelurahanCode?: string } = {},
): Promise<NewUser> {
  const password = opts.password ?? DEMO_PASSWORD;
  const collaboratorId = role === 'collaborator' ? (opts.collaboratorId ?? (await newCollaborator(ds)).id) : null;
  const aggregatorId = role === 'aggregator' ? (opts.aggregatorId ?? (await newAggregator(ds)).id) : null;
  const email = `${role}-${suffix()}@example.org`;
  const [row] = await ds.query(
    `INSERT INTO users (email, password_hash, name, role, collaborator_id, aggregator_id, language, kelurahan_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      email,
      await hashPassword(password),
      `Pengguna ${role}`,
      role,
      collaboratorId,
      aggregatorId,
      opts.language ?? 'id',
      role === 'kelurahan' ? (opts.kelurahanCode ?? '31.71.01.1001') : null,
    ],
  );
  return { id: row.id, email, password, role, collaboratorId, aggregatorId };
}
