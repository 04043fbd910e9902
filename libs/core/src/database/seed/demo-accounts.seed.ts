import type { QueryRunner } from 'typeorm';
import { hashPassword } from '../../users/password';
import type { Role } from '../../users/user.entity';
import { DEMO_DONOR_COLLABORATOR_ID } from './demo-collaborators.data';
import { deterministicUuid } from './deterministic';
import { execute } from './seed-query';

interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  collaboratorId?: string;
  /** Looked up by name, so it also works when the aggregator was created by hand with another id. */
  aggregatorName?: string;
  /** for the kelurahan officer: the kelurahan the account is scoped to */
  kelurahanCode?: string;
}

/** One account per role (see API.md, "Demo data"). */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@demo.ksbb.id', name: 'Admin Pokja KSBB (Demo)', role: 'admin' },
  { email: 'operator@demo.ksbb.id', name: 'Operator Pokja KSBB (Demo)', role: 'operator' },
  { email: 'viewer@demo.ksbb.id', name: 'Staf Kelurahan (Demo)', role: 'viewer' },
  {
    email: 'donor@demo.ksbb.id',
    name: 'Donatur PT Demo Peduli Sesama',
    role: 'collaborator',
    collaboratorId: DEMO_DONOR_COLLABORATOR_ID,
  },
  {
    email: 'aggregator@demo.ksbb.id',
    name: 'Petugas Dompet Dhuafa (Demo)',
    role: 'aggregator',
    aggregatorName: 'Dompet Dhuafa',
  },
  {
    email: 'kelurahan@demo.ksbb.id',
    name: 'Petugas Kelurahan Gambir (Demo)',
    role: 'kelurahan',
    kelurahanCode: '31.71.01.1001',
  },
];

/**
 * Creates the demo accounts that do not exist yet. Only those are hashed (argon2 is deliberately slow), and an
 * existing account keeps its hash, so re-seeding neither takes long nor resets a changed password.
 * Must run after the demo collaborators and the aggregators.
 */
export async function seedDemoAccounts(runner: QueryRunner, demoPassword: string): Promise<number> {
  const existing: { email: string }[] = await runner.query(
    'SELECT email FROM users WHERE email = ANY($1::text[])',
    [DEMO_ACCOUNTS.map((a) => a.email)],
  );
  const existingEmails = new Set(existing.map((row) => row.email));
  const missing = DEMO_ACCOUNTS.filter((a) => !existingEmails.has(a.email));
  if (missing.length === 0) return 0;

  const passwordHashes = await Promise.all(missing.map(() => hashPassword(demoPassword)));
  return execute(
    runner,
    `INSERT INTO users (id, email, password_hash, name, role, collaborator_id, aggregator_id, kelurahan_code)
     SELECT u.id, u.email, u.password_hash, u.name, u.role, u.collaborator_id,
            (SELECT a.id FROM aggregators a WHERE a.name = u.aggregator_name), u.kelurahan_code
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[])
            AS u(id, email, password_hash, name, role, collaborator_id, aggregator_name, kelurahan_code)
     ON CONFLICT DO NOTHING`,
    [
      missing.map((a) => deterministicUuid(`user:${a.email}`)),
      missing.map((a) => a.email.toLowerCase()),
      passwordHashes,
      missing.map((a) => a.name),
      missing.map((a) => a.role),
      missing.map((a) => a.collaboratorId ?? null),
      missing.map((a) => a.aggregatorName ?? null),
      missing.map((a) => a.kelurahanCode ?? null),
    ],
  );
}
