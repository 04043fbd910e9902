import type { QueryRunner } from 'typeorm';
import { buildDemoCollaborators } from './demo-collaborators.data';
import { execute } from './seed-query';

/** Inserts the 222 demo collaborators; their ids are name-based, so a second run inserts nothing. */
export async function seedDemoCollaborators(runner: QueryRunner): Promise<number> {
  const rows = buildDemoCollaborators();
  return execute(
    runner,
    `INSERT INTO collaborators (id, type, name, country, registration_number, tax_number, email, phone, address,
                                pic_name, status, public_opt_in, created_at, verified_at, updated_at)
     SELECT c.*, coalesce(c.verified_at, c.created_at)
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::text[], $12::boolean[], $13::timestamptz[], $14::timestamptz[])
            AS c(id, type, name, country, registration_number, tax_number, email, phone, address,
                 pic_name, status, public_opt_in, created_at, verified_at)
     ON CONFLICT (id) DO NOTHING`,
    [
      rows.map((c) => c.id),
      rows.map((c) => c.type),
      rows.map((c) => c.name),
      rows.map((c) => c.country),
      rows.map((c) => c.registrationNumber),
      rows.map((c) => c.taxNumber),
      rows.map((c) => c.email),
      rows.map((c) => c.phone),
      rows.map((c) => c.address),
      rows.map((c) => c.picName),
      rows.map((c) => c.status),
      rows.map((c) => c.publicOptIn),
      rows.map((c) => c.createdAt),
      rows.map((c) => c.verifiedAt),
    ],
  );
}
