/** Word lists the demo collaborators are built from (names are combinations, contact data are fake). */

export interface NamedEntry {
  name: string;
  country: string;
  address?: string;
}

export const FIRST_NAMES = [
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
export const LAST_NAMES = [
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

export const BUSINESS_WORDS_A = [
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
export const BUSINESS_WORDS_B = [
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
export const BUSINESS_SECTORS = [
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

export const GOVERNMENT_BODIES = [
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

export const UN_AGENCIES = ['UNICEF Indonesia', 'UNDP Indonesia', 'WFP Indonesia', 'UN-Habitat Indonesia'];
export const UNIVERSITIES = [
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
export const NGO_FORMS = ['Yayasan', 'Perkumpulan', 'Komunitas', 'Lembaga', 'Forum'];
export const NGO_WORDS_A = ['Peduli', 'Cinta', 'Bina', 'Rumah', 'Lentera', 'Jejak', 'Sahabat', 'Kawan'];
export const NGO_WORDS_B = ['Anak Bangsa', 'Kampung', 'Sesama', 'Warga', 'Lingkungan'];

/** Fictional foreign donors, one per country. */
export const FOREIGN_DONORS: NamedEntry[] = [
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

export const JAKARTA_STREETS = [
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
