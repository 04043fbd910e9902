import type { QueryRunner } from 'typeorm';
import { deterministicUuid } from './deterministic';
import { execute } from './seed-query';

export interface AggregatorSeed {
  name: string;
  programCodes: string[];
  /** '31' is all of DKI Jakarta; otherwise city codes (31.71 Pusat … 31.75 Timur, 31.01 Kepulauan Seribu). */
  regionCodes: string[];
  email: string;
  phone: string;
}

/** The official distribution partners named at the KSBB launches (contact data are placeholders). */
export const AGGREGATORS: AggregatorSeed[] = [
  {
    name: 'Dompet Dhuafa',
    programCodes: ['PANGAN', 'UMKM', 'PENDIDIKAN'],
    regionCodes: ['31'],
    email: 'ksbb@dompetdhuafa.example.org',
    phone: '+62 21 5550 9001',
  },
  {
    name: 'Baznas Bazis DKI',
    programCodes: ['PANGAN', 'UMKM', 'PERMUKIMAN', 'PERSAMPAHAN'],
    regionCodes: ['31'],
    email: 'ksbb@baznasbazisdki.example.org',
    phone: '+62 21 5550 9002',
  },
  {
    name: 'Rumah Zakat',
    programCodes: ['PANGAN', 'PENDIDIKAN', 'PERMUKIMAN'],
    regionCodes: ['31'],
    email: 'ksbb@rumahzakat.example.org',
    phone: '+62 21 5550 9003',
  },
  {
    name: 'ACT',
    programCodes: ['PANGAN', 'PERMUKIMAN'],
    regionCodes: ['31'],
    email: 'ksbb@act.example.org',
    phone: '+62 21 5550 9004',
  },
  {
    name: 'Human Initiative',
    programCodes: ['PANGAN', 'PERMUKIMAN', 'PERSAMPAHAN'],
    regionCodes: ['31.71', '31.72', '31.75'],
    email: 'ksbb@humaninitiative.example.org',
    phone: '+62 21 5550 9005',
  },
  {
    name: 'Yayasan Plan Indonesia',
    programCodes: ['PANGAN', 'PENDIDIKAN', 'PERMUKIMAN'],
    regionCodes: ['31.72', '31.73', '31.75'],
    email: 'ksbb@plan-indonesia.example.org',
    phone: '+62 21 5550 9006',
  },
  {
    name: 'T-Care',
    programCodes: ['PANGAN', 'PERMUKIMAN', 'PERSAMPAHAN'],
    regionCodes: ['31.72', '31.74'],
    email: 'ksbb@tcare.example.org',
    phone: '+62 21 5550 9007',
  },
  {
    name: 'Rumah Sosial Kutub',
    programCodes: ['PANGAN', 'PERMUKIMAN', 'PERSAMPAHAN'],
    regionCodes: ['31.71', '31.74'],
    email: 'ksbb@rumahsosialkutub.example.org',
    phone: '+62 21 5550 9008',
  },
];

export function aggregatorId(name: string): string {
  return deterministicUuid(`aggregator:${name}`);
}

/** Conflicts on either the id or the unique name skip the row, so an aggregator created by hand is kept. */
export async function seedAggregators(runner: QueryRunner): Promise<number> {
  return execute(
    runner,
    `INSERT INTO aggregators (id, name, program_codes, region_codes, email, phone, status)
     SELECT a.id, a.name,
            ARRAY(SELECT jsonb_array_elements_text(a.program_codes)),
            ARRAY(SELECT jsonb_array_elements_text(a.region_codes)),
            a.email, a.phone, 'active'
       FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[], $5::text[], $6::text[])
            AS a(id, name, program_codes, region_codes, email, phone)
     ON CONFLICT DO NOTHING`,
    [
      AGGREGATORS.map((a) => aggregatorId(a.name)),
      AGGREGATORS.map((a) => a.name),
      AGGREGATORS.map((a) => JSON.stringify(a.programCodes)),
      AGGREGATORS.map((a) => JSON.stringify(a.regionCodes)),
      AGGREGATORS.map((a) => a.email),
      AGGREGATORS.map((a) => a.phone),
    ],
  );
}
