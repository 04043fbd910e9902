import type { BeneficiaryKind } from '../../programs/package.entity';
import type { ProgramStatus } from '../../programs/program.entity';

export interface ProgramSeed {
  code: string;
  name: string;
  description: string;
  status: ProgramStatus;
  /** ISO-8601; launch dates are Jakarta midnight (UTC+7). */
  opensAt: string | null;
  eligibility: string;
  claimHoldDays: number;
}

export interface PackageSeed {
  programCode: string;
  code: string;
  name: string;
  unit: string;
  /** Estimated value of one unit, in rupiah. */
  unitValueMin: number;
  unitValueMax: number;
  workItems: string[];
  beneficiaryKind: BeneficiaryKind;
}

const CLAIM_HOLD_DAYS = 14;

/** The KSBB programs as announced by Pemprov DKI (2020–2021); Tenaga Kerja is still under discussion. */
export const PROGRAMS: ProgramSeed[] = [
  {
    code: 'PANGAN',
    name: 'KSBB Pangan',
    description:
      'Bantuan pangan bagi rumah tangga miskin dan rentan yang terdampak pandemi COVID-19: paket sembako, ' +
      'makanan siap saji, paket Lebaran, dan paket THR. Kebutuhan dicatat per RT/RW berupa jumlah rumah tangga ' +
      'yang perlu dibantu, sehingga penyaluran tidak tumpang tindih.',
    status: 'open',
    opensAt: '2020-04-24T00:00:00+07:00',
    eligibility:
      'Rumah tangga miskin dan rentan dengan kriteria yang sama dengan penerima bantuan sosial (bansos) ' +
      'pada masa PSBB.',
    claimHoldDays: CLAIM_HOLD_DAYS,
  },
  {
    code: 'UMKM',
    name: 'KSBB UMKM',
    description:
      'Dukungan bagi usaha mikro, kecil, dan menengah yang pendapatannya menurun akibat pandemi agar dapat ' +
      'kembali beraktivitas: pelatihan (daring/luring), sarana dan prasarana usaha, serta permodalan.',
    status: 'open',
    opensAt: '2020-04-24T00:00:00+07:00',
    eligibility:
      'UMKM binaan Jakpreneur (sekitar 200.000 anggota) yang mengalami penurunan pendapatan, untuk menjamin ' +
      'validitas dan sinkronisasi data dengan program pembinaan Jakpreneur.',
    claimHoldDays: CLAIM_HOLD_DAYS,
  },
  {
    code: 'PENDIDIKAN',
    name: 'KSBB Pendidikan',
    description:
      'Bantuan gawai bagi peserta didik dan pendidik yang memiliki keterbatasan dalam Pembelajaran Jarak Jauh ' +
      '(PJJ): ponsel pintar atau tablet untuk peserta didik, komputer atau laptop untuk pendidik. Setiap peserta ' +
      'didik penerima juga mendapat Kartu Internet Belajar Jakarta berisi kuota internet.',
    status: 'open',
    opensAt: '2020-11-26T00:00:00+07:00',
    eligibility:
      'Peserta didik dan pendidik di Jakarta yang tidak memiliki gawai untuk PJJ; penerima bantuan adalah ' +
      'sekolah, peserta didik, dan pendidik yang didata oleh Dinas Pendidikan.',
    claimHoldDays: CLAIM_HOLD_DAYS,
  },
  {
    code: 'PERMUKIMAN',
    name: 'KSBB Penataan Permukiman',
    description:
      'Gerakan dari masyarakat untuk masyarakat dalam peningkatan kualitas dan penataan kawasan permukiman ' +
      'secara terpadu, sinergis, kolaboratif, dan berkelanjutan: penghijauan, sanitasi, dan sarana prasarana ' +
      'lingkungan. Tiga paket dibedakan menurut kisaran estimasi biaya dan item pekerjaan: Penataan RW Utama, ' +
      'RW Lengkap, dan RW Bersama.',
    status: 'open',
    opensAt: '2021-03-02T00:00:00+07:00',
    eligibility: '68 RW padat penduduk yang kebutuhannya tercatat dalam Community Action Plan (CAP) 2019.',
    claimHoldDays: CLAIM_HOLD_DAYS,
  },
  {
    code: 'PERSAMPAHAN',
    name: 'KSBB Persampahan',
    description:
      'Mempertemukan kolaborator dengan masyarakat dalam pengelolaan sampah untuk Jakarta yang bersih: warga ' +
      'memilah sampah dan memperoleh manfaat ekonomi dan ekologis melalui bank sampah.',
    status: 'open',
    opensAt: '2021-03-02T00:00:00+07:00',
    eligibility:
      'Kelompok warga, RW, dan unit bank sampah yang mengelola sampah berbasis masyarakat di Jakarta.',
    claimHoldDays: CLAIM_HOLD_DAYS,
  },
  {
    code: 'TENAGA_KERJA',
    name: 'KSBB Tenaga Kerja',
    description:
      'Program ketenagakerjaan yang masih dalam pembahasan; paket bantuan akan ditetapkan kemudian.',
    status: 'draft',
    opensAt: null,
    eligibility: 'Akan ditetapkan.',
    claimHoldDays: CLAIM_HOLD_DAYS,
  },
];

const RW_WORK_ITEMS = {
  greening: 'penghijauan',
  sanitation: 'sanitasi (MCK komunal, saluran air limbah)',
  drainage: 'perbaikan saluran drainase',
  paths: 'perbaikan jalan lingkungan',
  lighting: 'penerangan jalan lingkungan',
  facilities: 'sarana ruang publik (balai warga, ruang bermain anak)',
  water: 'akses air bersih',
  houses: 'perbaikan rumah tidak layak huni',
} as const;

/** Packages per program; TENAGA_KERJA has none yet. */
export const PACKAGES: PackageSeed[] = [
  {
    programCode: 'PANGAN',
    code: 'SEMBAKO',
    name: 'Paket Sembako',
    unit: 'paket',
    unitValueMin: 150_000,
    unitValueMax: 300_000,
    workItems: ['beras 10 kg', 'minyak goreng 2 liter', 'gula pasir 1 kg', 'mi instan', 'sarden kaleng'],
    beneficiaryKind: 'household',
  },
  {
    programCode: 'PANGAN',
    code: 'MAKANAN_SIAP_SAJI',
    name: 'Makanan Siap Saji',
    unit: 'paket',
    unitValueMin: 15_000,
    unitValueMax: 50_000,
    workItems: [],
    beneficiaryKind: 'person',
  },
  {
    programCode: 'PANGAN',
    code: 'PAKET_LEBARAN',
    name: 'Paket Lebaran',
    unit: 'paket',
    unitValueMin: 200_000,
    unitValueMax: 500_000,
    workItems: [],
    beneficiaryKind: 'household',
  },
  {
    programCode: 'PANGAN',
    code: 'PAKET_THR',
    name: 'Paket Tunjangan Hari Raya (THR)',
    unit: 'paket',
    unitValueMin: 250_000,
    unitValueMax: 1_000_000,
    workItems: [],
    beneficiaryKind: 'household',
  },
  {
    programCode: 'UMKM',
    code: 'PELATIHAN',
    name: 'Pelatihan UMKM (daring/luring)',
    unit: 'peserta',
    unitValueMin: 100_000,
    unitValueMax: 2_500_000,
    workItems: [
      'pemasaran digital',
      'manajemen keuangan dan restrukturisasi pinjaman',
      'higiene sanitasi pangan',
    ],
    beneficiaryKind: 'msme',
  },
  {
    programCode: 'UMKM',
    code: 'SARANA_PRASARANA',
    name: 'Sarana dan Prasarana Usaha',
    unit: 'paket',
    unitValueMin: 1_000_000,
    unitValueMax: 15_000_000,
    workItems: ['peralatan produksi', 'gerobak atau etalase', 'perlengkapan kemasan'],
    beneficiaryKind: 'msme',
  },
  {
    programCode: 'UMKM',
    code: 'PERMODALAN',
    name: 'Permodalan Usaha',
    unit: 'paket',
    unitValueMin: 1_000_000,
    unitValueMax: 25_000_000,
    workItems: [],
    beneficiaryKind: 'msme',
  },
  {
    programCode: 'PENDIDIKAN',
    code: 'GAWAI_SISWA',
    name: 'Ponsel Pintar/Tablet Peserta Didik + Kartu Internet Belajar Jakarta',
    unit: 'unit',
    unitValueMin: 1_500_000,
    unitValueMax: 4_000_000,
    workItems: [
      'ponsel pintar atau tablet',
      'Kartu Internet Belajar Jakarta (kartu perdana berisi kuota data)',
    ],
    beneficiaryKind: 'student',
  },
  {
    programCode: 'PENDIDIKAN',
    code: 'GAWAI_GURU',
    name: 'Komputer/Laptop Pendidik',
    unit: 'unit',
    unitValueMin: 4_000_000,
    unitValueMax: 12_000_000,
    workItems: ['komputer atau laptop'],
    beneficiaryKind: 'teacher',
  },
  {
    programCode: 'PERMUKIMAN',
    code: 'PENATAAN_RW_UTAMA',
    name: 'Paket Penataan RW Utama',
    unit: 'RW',
    unitValueMin: 1_000_000_000,
    unitValueMax: 3_000_000_000,
    workItems: Object.values(RW_WORK_ITEMS),
    beneficiaryKind: 'rw',
  },
  {
    programCode: 'PERMUKIMAN',
    code: 'PENATAAN_RW_LENGKAP',
    name: 'Paket Penataan RW Lengkap',
    unit: 'RW',
    unitValueMin: 500_000_000,
    unitValueMax: 1_000_000_000,
    workItems: [
      RW_WORK_ITEMS.greening,
      RW_WORK_ITEMS.sanitation,
      RW_WORK_ITEMS.drainage,
      RW_WORK_ITEMS.paths,
      RW_WORK_ITEMS.facilities,
    ],
    beneficiaryKind: 'rw',
  },
  {
    programCode: 'PERMUKIMAN',
    code: 'PENATAAN_RW_BERSAMA',
    name: 'Paket Penataan RW Bersama',
    unit: 'RW',
    unitValueMin: 100_000_000,
    unitValueMax: 500_000_000,
    workItems: [RW_WORK_ITEMS.greening, RW_WORK_ITEMS.sanitation, RW_WORK_ITEMS.facilities],
    beneficiaryKind: 'rw',
  },
  {
    programCode: 'PERSAMPAHAN',
    code: 'BANK_SAMPAH',
    name: 'Sarana dan Operasional Bank Sampah',
    unit: 'kegiatan',
    unitValueMin: 5_000_000,
    unitValueMax: 50_000_000,
    workItems: [
      'timbangan dan alat pilah',
      'tempat sampah terpilah',
      'gerobak atau motor sampah',
      'pelatihan pengelola',
    ],
    beneficiaryKind: 'community',
  },
];
