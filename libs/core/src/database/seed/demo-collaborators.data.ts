import type { CollaboratorStatus, CollaboratorType } from '../../collaborators/collaborator.entity';
import { deterministicInt, deterministicUuid } from './deterministic';
import {
  BUSINESS_SECTORS,
  BUSINESS_WORDS_A,
  BUSINESS_WORDS_B,
  FIRST_NAMES,
  FOREIGN_DONORS,
  GOVERNMENT_BODIES,
  JAKARTA_STREETS,
  LAST_NAMES,
  NamedEntry,
  NGO_FORMS,
  NGO_WORDS_A,
  NGO_WORDS_B,
  UN_AGENCIES,
  UNIVERSITIES,
} from './demo-names.data';

/** Collaborators on record on 26 Nov 2020, by type (222 in all). */
export const DEMO_COLLABORATOR_COUNTS: Record<CollaboratorType, number> = {
  individual: 35,
  business: 103,
  government: 18,
  civil_society: 53,
  foreign: 13,
};

/** The verified business the demo donor account belongs to (one of the 103 businesses). */
export const DEMO_DONOR_COLLABORATOR_NAME = 'PT Demo Peduli Sesama';

export interface DemoCollaborator {
  id: string;
  type: CollaboratorType;
  name: string;
  country: string;
  registrationNumber: string | null;
  taxNumber: string | null;
  email: string;
  phone: string;
  address: string;
  picName: string;
  status: CollaboratorStatus;
  publicOptIn: boolean;
  /** ISO-8601, between the opening of KSBB Pangan and 26 Nov 2020. */
  createdAt: string;
  verifiedAt: string | null;
}

const KSBB_PANGAN_OPENED = Date.parse('2020-04-24T09:00:00+07:00');
const RECORD_DATE = Date.parse('2020-11-26T09:00:00+07:00');
const DAY_MS = 86_400_000;
/** About one in eight registrations is still waiting for Pokja's verification. */
const PENDING_PERCENT = 12;

function personName(index: number): string {
  const first = FIRST_NAMES[index % FIRST_NAMES.length];
  const last = LAST_NAMES[(3 * index + Math.floor(index / FIRST_NAMES.length)) % LAST_NAMES.length];
  return `${first} ${last}`;
}

function businessName(index: number): string {
  if (index === 0) return DEMO_DONOR_COLLABORATOR_NAME;
  // (A, B) pairs are unique for the first 120 indexes, so every name is too.
  const a = BUSINESS_WORDS_A[index % BUSINESS_WORDS_A.length];
  const b = BUSINESS_WORDS_B[Math.floor(index / BUSINESS_WORDS_A.length) % BUSINESS_WORDS_B.length];
  const sector = BUSINESS_SECTORS[(5 * index) % BUSINESS_SECTORS.length];
  const legalForm = index % 7 === 3 ? 'CV' : 'PT';
  const listed = legalForm === 'PT' && index % 11 === 0 ? ' Tbk' : '';
  return `${legalForm} ${a} ${b} ${sector}${listed}`;
}

function civilSocietyName(index: number): string {
  if (index < UN_AGENCIES.length) return UN_AGENCIES[index];
  const rest = index - UN_AGENCIES.length;
  if (rest < UNIVERSITIES.length) return `Universitas ${UNIVERSITIES[rest]}`;
  const ngo = rest - UNIVERSITIES.length;
  const a = NGO_WORDS_A[ngo % NGO_WORDS_A.length];
  const b = NGO_WORDS_B[Math.floor(ngo / NGO_WORDS_A.length) % NGO_WORDS_B.length];
  return `${NGO_FORMS[ngo % NGO_FORMS.length]} ${a} ${b}`;
}

function entriesOf(type: CollaboratorType): NamedEntry[] {
  const count = DEMO_COLLABORATOR_COUNTS[type];
  const indexes = Array.from({ length: count }, (_, i) => i);
  switch (type) {
    case 'individual':
      return indexes.map((i) => ({ name: personName(i), country: 'ID' }));
    case 'business':
      return indexes.map((i) => ({ name: businessName(i), country: 'ID' }));
    case 'government':
      return GOVERNMENT_BODIES.slice(0, count).map((name) => ({ name, country: 'ID' }));
    case 'civil_society':
      return indexes.map((i) => ({ name: civilSocietyName(i), country: 'ID' }));
    case 'foreign':
      return FOREIGN_DONORS.slice(0, count);
  }
}

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\b(pt|cv|tbk|e\.v)\b\.?/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** `count` decimal digits derived from the key: fake but stable registration and tax numbers. */
function digits(key: string, count: number): string {
  return Array.from({ length: count }, (_, i) => deterministicInt(`${key}:digit:${i}`, 0, 9)).join('');
}

function npwp(key: string): string {
  const d = digits(key, 12);
  return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}.${d.slice(8, 9)}-${d.slice(9, 12)}.000`;
}

function demoCollaboratorKey(type: CollaboratorType, index: number): string {
  return `collaborator:${type}:${index}`;
}

/** The donor's business is the first business, so its id is fixed. */
export const DEMO_DONOR_COLLABORATOR_ID = deterministicUuid(demoCollaboratorKey('business', 0));

function build(type: CollaboratorType, entry: NamedEntry, index: number, ordinal: number): DemoCollaborator {
  const key = demoCollaboratorKey(type, index);
  const isDonor = type === 'business' && index === 0;
  const status: CollaboratorStatus =
    !isDonor && deterministicInt(`${key}:status`, 0, 99) < PENDING_PERCENT ? 'pending' : 'verified';
  const createdMs =
    KSBB_PANGAN_OPENED +
    deterministicInt(`${key}:created`, 0, (RECORD_DATE - KSBB_PANGAN_OPENED) / DAY_MS - 7) * DAY_MS;
  const street = JAKARTA_STREETS[deterministicInt(`${key}:street`, 0, JAKARTA_STREETS.length - 1)];
  const isOrganisation = type !== 'individual';
  return {
    id: deterministicUuid(key),
    type,
    name: entry.name,
    country: entry.country,
    registrationNumber: type === 'business' ? `NIB ${digits(`${key}:nib`, 13)}` : null,
    taxNumber: type === 'business' || type === 'individual' ? npwp(`${key}:npwp`) : null,
    email: isOrganisation
      ? `kolaborasi@${slug(entry.name)}.example.org`
      : `${slug(entry.name).replace('-', '.')}@mail.example.org`,
    phone: `+62 21 5550 ${String(ordinal).padStart(4, '0')}`,
    address: entry.address ?? street.replace('{n}', String(deterministicInt(`${key}:number`, 1, 120))),
    picName: isOrganisation ? personName(ordinal * 7 + 3) : entry.name,
    status,
    publicOptIn: type === 'individual' && index % 3 === 0,
    createdAt: new Date(createdMs).toISOString(),
    verifiedAt:
      status === 'verified'
        ? new Date(createdMs + deterministicInt(`${key}:verified`, 1, 6) * DAY_MS).toISOString()
        : null,
  };
}

/** The 222 demo collaborators, identical on every call. */
export function buildDemoCollaborators(): DemoCollaborator[] {
  const types = Object.keys(DEMO_COLLABORATOR_COUNTS) as CollaboratorType[];
  let ordinal = 0;
  return types.flatMap((type) => entriesOf(type).map((entry, index) => build(type, entry, index, ++ordinal)));
}
