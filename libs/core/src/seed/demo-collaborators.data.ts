import type { CollaboratorStatus, CollaboratorType } from '../collaborators/collaborator.entity';
import { deterministicInt, deterministicUuid } from './deterministic';

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

interface NamedEntry {
  name: string;
  country: string;
  address?: string;
}

const FIRST_NAMES = [
  'Ahmad',
  'Siti',
  'Budi',
  'Dewi',
  'Rizky',
  'Nur',
  'Agus',
  'Ratna',
  'Hendra',
  'Fitri',
  'Yusuf',
  'Maya',
  'Taufik',
  'Wulan',
  'Andi',
  'Indah',
  'Fajar',
  'Sari',
  'Bayu',
  'Putri',
  'Irfan',
  'Ayu',
  'Dimas',
  'Rina',
  'Hadi',
];
const LAST_NAMES = [
  'Santoso',
  'Wijaya',
  'Hidayat',
  'Saputra',
  'Lestari',
  'Pratama',
  'Kusuma',
  'Nugroho',
  'Siregar',
  'Harahap',
  'Simanjuntak',
  'Rahman',
  'Setiawan',
  'Purnomo',
  'Halim',
  'Gunawan',
];

const BUSINESS_WORDS_A = [
  'Nusantara',
  'Sinar',
  'Cahaya',
  'Mitra',
  'Karya',
  'Bumi',
  'Surya',
  'Mega',
  'Graha',
  'Citra',
  'Duta',
  'Puri',
];
const BUSINESS_WORDS_B = [
  'Abadi',
  'Sejahtera',
  'Makmur',
  'Sentosa',
  'Jaya',
  'Mandiri',
  'Utama',
  'Lestari',
  'Perkasa',
  'Gemilang',
];
const BUSINESS_SECTORS = [
  'Logistik',
  'Teknologi',
  'Pangan',
  'Properti',
  'Energi',
  'Farmasi',
  'Ritel',
  'Konstruksi',
  'Tekstil',
  'Finansial',
  'Media',
];

const GOVERNMENT_BODIES = [
  'Kementerian Sosial RI',
  'Kementerian Kesehatan RI',
  'Kementerian Pendidikan dan Kebudayaan RI',
  'Kementerian Koperasi dan UKM RI',
  'Kementerian Ketenagakerjaan RI',
  'Kementerian Pekerjaan Umum dan Perumahan Rakyat',
  'Kementerian Lingkungan Hidup dan Kehutanan',
  'Kementerian Komunikasi dan Informatika',
  'Kementerian Pariwisata dan Ekonomi Kreatif',
  'Kementerian Badan Usaha Milik Negara',
  'Kementerian Agama RI',
  'Kementerian Perindustrian RI',
  'Kementerian Perdagangan RI',
  'Badan Nasional Penanggulangan Bencana',
  'Otoritas Jasa Keuangan',
  'Bank Indonesia',
  'Lembaga Ilmu Pengetahuan Indonesia',
  'Badan Pusat Statistik',
];

const UN_AGENCIES = ['UNICEF Indonesia', 'UNDP Indonesia', 'WFP Indonesia', 'UN-Habitat Indonesia'];
const UNIVERSITIES = [
  'Nusantara Raya',
  'Bina Bangsa',
  'Cendekia Jakarta',
  'Tunas Harapan',
  'Pelita Ilmu',
  'Mercu Cahaya',
  'Insan Mulia',
  'Dharma Bakti',
  'Gemilang Jaya',
];
const NGO_FORMS = ['Yayasan', 'Perkumpulan', 'Komunitas', 'Lembaga', 'Forum'];
const NGO_WORDS_A = ['Peduli', 'Cinta', 'Bina', 'Rumah', 'Lentera', 'Jejak', 'Sahabat', 'Kawan'];
const NGO_WORDS_B = ['Anak Bangsa', 'Kampung', 'Sesama', 'Warga', 'Lingkungan'];

/** Fictional foreign donors, one per country. */
const FOREIGN_DONORS: NamedEntry[] = [
  { name: 'Sakura Relief Foundation', country: 'JP', address: 'Minato-ku, Tokyo, Japan' },
  { name: 'Pacific Bridge Foundation', country: 'US', address: 'San Francisco, CA, United States' },
  { name: 'Southern Cross Aid', country: 'AU', address: 'Sydney NSW, Australia' },
  { name: 'Lion City Cares', country: 'SG', address: 'Raffles Place, Singapore' },
  { name: 'Rhein Hilfswerk e.V.', country: 'DE', address: 'Köln, Germany' },
  { name: 'Hanbit Sharing Foundation', country: 'KR', address: 'Jung-gu, Seoul, South Korea' },
  { name: 'Oranje Development Fund', country: 'NL', address: 'Den Haag, Netherlands' },
  { name: 'Thames Partnership Trust', country: 'GB', address: 'London, United Kingdom' },
  { name: 'Fondation Solidarité Lumière', country: 'FR', address: 'Lyon, France' },
  { name: 'Silk Road Goodwill Foundation', country: 'CN', address: 'Chaoyang, Beijing, China' },
  { name: 'Jambatan Kasih Malaysia', country: 'MY', address: 'Kuala Lumpur, Malaysia' },
  { name: 'Gulf Crescent Charity', country: 'AE', address: 'Abu Dhabi, United Arab Emirates' },
  { name: 'Maple Leaf Relief', country: 'CA', address: 'Toronto ON, Canada' },
];

const JAKARTA_STREETS = [
  'Jl. Jenderal Sudirman Kav. {n}, Jakarta Pusat',
  'Jl. M.H. Thamrin No. {n}, Jakarta Pusat',
  'Jl. H.R. Rasuna Said Kav. {n}, Jakarta Selatan',
  'Jl. Jenderal Gatot Subroto Kav. {n}, Jakarta Selatan',
  'Jl. TB Simatupang Kav. {n}, Jakarta Selatan',
  'Jl. Gajah Mada No. {n}, Jakarta Barat',
  'Jl. Daan Mogot No. {n}, Jakarta Barat',
  'Jl. Pluit Raya No. {n}, Jakarta Utara',
  'Jl. Yos Sudarso No. {n}, Jakarta Utara',
  'Jl. Raya Bekasi No. {n}, Jakarta Timur',
  'Jl. D.I. Panjaitan Kav. {n}, Jakarta Timur',
];

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
