import type { ActorKind, Language, ProgramStatus, Role } from '../api/enums';
import { labelsOf } from './messages/types';
import { commonId } from './messages/common';
import { needsId } from './messages/needs';
import { partnersId } from './messages/partners';
import { commitmentsId } from './messages/commitments';
import { handoversId } from './messages/handovers';
import { mobileId } from './messages/mobile';
import { fieldId } from './messages/field';
import { overviewId } from './messages/overview';
import { operationsId } from './messages/operations';
import { problemsId } from './messages/problems';
import { auditId } from './messages/audit';
import { signupId } from './messages/signup';
import { institutionsId } from './messages/institutions';
import { institutionReachId } from './messages/institution-reach';
import { operatorWorkId } from './messages/operator-work';
import { regionsId } from './messages/regions';
import { publicSiteId } from './messages/public-site';
import { chartsId } from './messages/charts';
import { homeId } from './messages/home';
import { kelurahanId } from './messages/kelurahan';

/** Bahasa Indonesia: the default language and the reference set of message keys. */
export const id = {
  'app.name': 'KSBB',
  'app.subtitle': 'Kolaborasi Sosial Berskala Besar',
  'app.console': 'Konsol Admin',
  'app.documentTitle': 'KSBB Admin',

  'a11y.skipToContent': 'Langsung ke konten utama',
  'a11y.mainNav': 'Navigasi utama',
  'a11y.scrollableTable': '{name} (tabel dapat digeser)',

  'lang.label': 'Bahasa',
  ...labelsOf('lang', {
    id: 'Bahasa Indonesia',
    en: 'English',
  } satisfies Record<Language, string>),

  'login.title': 'Masuk',
  'login.intro': 'Masuk dengan akun KSBB Anda untuk mengelola kolaborasi.',
  'login.email': 'Email',
  'login.password': 'Kata sandi',
  'login.submit': 'Masuk',
  'login.submitting': 'Sedang masuk…',
  'login.failed': 'Gagal masuk.',
  'login.sessionExpired': 'Sesi Anda telah berakhir. Silakan masuk kembali.',
  'login.welcome': 'Selamat datang, {name}.',
  'login.footer': 'Pemerintah Provinsi DKI Jakarta · Biro Kerja Sama Daerah',

  'header.user': 'Pengguna yang masuk',
  'header.logout': 'Keluar',
  'logout.done': 'Anda telah keluar.',

  ...labelsOf('role', {
    admin: 'Admin',
    operator: 'Operator',
    viewer: 'Peninjau',
    collaborator: 'Kolaborator',
    aggregator: 'Agregator',
    kelurahan: 'Petugas Kelurahan',
  } satisfies Record<Role, string>),

  'nav.dashboard': 'Dasbor',
  'nav.users': 'Pengguna',
  'nav.audit': 'Audit',
  'nav.needs': 'Kebutuhan',
  'nav.collaborators': 'Kolaborator',
  'nav.programs': 'Program',
  'nav.myOrganisation': 'Organisasi saya',
  'nav.assignments': 'Penugasan',

  'state.loading': 'Memuat…',
  'state.errorTitle': 'Data tidak dapat dimuat',
  'state.retry': 'Coba lagi',
  'state.empty': 'Belum ada data.',
  'error.network': 'Server tidak dapat dihubungi. Periksa koneksi Anda lalu coba lagi.',
  'error.unknown': 'Terjadi kesalahan yang tidak terduga.',

  'page.backToDashboard': 'Kembali ke dasbor',
  'notAllowed.title': 'Akses tidak diizinkan',
  'notAllowed.body': 'Peran Anda ({role}) tidak memiliki akses ke halaman ini.',
  'notFound.title': 'Halaman tidak ditemukan',
  'notFound.body': 'Alamat yang Anda buka tidak ada atau telah dipindahkan.',

  'dashboard.welcome': 'Selamat datang, {name}',
  'dashboard.intro': 'Program kolaborasi yang dikelola melalui KSBB.',
  'dashboard.programs': 'Program KSBB',
  'dashboard.noPrograms': 'Belum ada program.',

  'program.name': 'Program',
  'program.code': 'Kode',
  'program.status': 'Status',
  'program.claimHold': 'Masa klaim',
  'program.days': '{count} hari',
  'program.opensAt': 'Dibuka sejak',
  ...labelsOf('programStatus', {
    draft: 'Draf',
    open: 'Dibuka',
    closed: 'Ditutup',
  } satisfies Record<ProgramStatus, string>),

  'users.title': 'Pengguna',
  'users.intro': 'Akun yang dapat mengakses KSBB beserta perannya.',
  'users.name': 'Nama',
  'users.email': 'Email',
  'users.role': 'Peran',
  'users.status': 'Status',
  'users.lastLogin': 'Terakhir masuk',
  'users.active': 'Aktif',
  'users.inactive': 'Nonaktif',
  'users.never': 'Belum pernah',
  'users.empty': 'Belum ada pengguna.',

  'audit.title': 'Log audit',
  'audit.intro': 'Siapa melakukan apa, kapan, dan dari mana.',
  'audit.at': 'Waktu',
  'audit.actor': 'Pelaku',
  'audit.action': 'Tindakan',
  'audit.entity': 'Objek',
  'audit.ip': 'Alamat IP',
  'audit.empty': 'Belum ada catatan audit.',
  ...labelsOf('actorKind', {
    user: 'Pengguna',
    api_key: 'Kunci API',
    system: 'Sistem',
    anonymous: 'Anonim',
  } satisfies Record<ActorKind, string>),

  'pagination.label': 'Navigasi halaman',
  'pagination.previous': 'Sebelumnya',
  'pagination.next': 'Berikutnya',
  'pagination.summary': 'Halaman {page} dari {pages} · {total} data',

  'toast.region': 'Notifikasi',
  'toast.close': 'Tutup notifikasi',

  ...commonId,
  ...needsId,
  ...partnersId,
  ...commitmentsId,
  ...handoversId,
  ...mobileId,
  ...fieldId,
  ...overviewId,
  ...publicSiteId,
  ...operationsId,
  ...problemsId,
  ...auditId,
  ...signupId,
  ...chartsId,
  ...institutionsId,
  ...institutionReachId,
  ...operatorWorkId,
  ...homeId,
  ...kelurahanId,
  ...regionsId,
} as const;

export type MessageKey = keyof typeof id;
/** Every language must translate every key of the Indonesian set, and nothing else. */
export type Dictionary = Record<MessageKey, string>;
