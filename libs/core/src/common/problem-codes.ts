import type { LocalisedText } from './domain-errors';
import { EMAIL_ERRORS } from './email-address';

/**
 * The one catalogue of problem codes: every problem+json carries one as `code` (and field errors may), and each has
 * its text in both languages the API answers in. The API's `detail` in Indonesian comes from here (`{name}` is
 * filled from the error's params; `{fields}` and `{count}` from its field errors); in English the API keeps the
 * error's own, more specific text. The admin keeps its own text for each code (apps/admin/src/i18n/messages/problems.ts),
 * typed against the OpenAPI enum built from PROBLEM_CODES, so a code added here fails the admin's typecheck until
 * it has text there too. Codes are stable: rename one only with a deprecation.
 */
export const PROBLEM_TEXTS = {
  // --- one per status: the default of each error class and of framework errors ---
  invalid_input: { id: 'Permintaan tidak valid.', en: 'The request is invalid.' },
  validation_failed: { id: 'Isian tidak valid: {fields}.', en: 'Some fields are invalid: {fields}.' },
  unauthenticated: { id: 'Anda perlu masuk terlebih dahulu.', en: 'You need to sign in first.' },
  forbidden: { id: 'Anda tidak berhak melakukan ini.', en: 'You are not allowed to do this.' },
  not_found: {
    id: 'Data tidak ditemukan, atau Anda tidak berhak melihatnya.',
    en: 'The item was not found, or you may not see it.',
  },
  route_not_found: { id: 'Alamat API ini tidak ada.', en: 'There is no such API route.' },
  method_not_allowed: {
    id: 'Metode HTTP ini tidak diizinkan di sini.',
    en: 'This HTTP method is not allowed here.',
  },
  not_acceptable: {
    id: 'Format jawaban yang diminta tidak tersedia.',
    en: 'The requested response format is not available.',
  },
  request_timeout: { id: 'Permintaan terlalu lama tiba.', en: 'The request took too long to arrive.' },
  conflict: {
    id: 'Perubahan bertentangan dengan keadaan data saat ini.',
    en: 'The change conflicts with the current state of the data.',
  },
  precondition_failed: {
    id: 'Data telah berubah sejak Anda membacanya; muat ulang lalu coba lagi.',
    en: 'The data changed since you read it; reload and try again.',
  },
  payload_too_large: {
    id: 'Isi permintaan atau berkas terlalu besar.',
    en: 'The request body or file is too large.',
  },
  uri_too_long: { id: 'Alamat permintaan terlalu panjang.', en: 'The request address is too long.' },
  unsupported_media_type: {
    id: 'Jenis isi atau berkas ini tidak didukung di sini.',
    en: 'This content or file type is not supported here.',
  },
  unprocessable: { id: 'Permintaan tidak dapat diproses.', en: 'The request cannot be processed.' },
  rate_limited: {
    id: 'Terlalu banyak permintaan; tunggu sebentar lalu coba lagi.',
    en: 'Too many requests; wait a moment and try again.',
  },
  headers_too_large: {
    id: 'Baris permintaan dan header melebihi 16 KB.',
    en: 'The request line and headers exceed 16 KB.',
  },
  internal_error: { id: 'Terjadi kesalahan tak terduga.', en: 'An unexpected error occurred.' },
  service_unavailable: {
    id: 'Layanan yang dibutuhkan sedang tidak tersedia; coba lagi sebentar lagi.',
    en: 'A service this request needs is unavailable; retry shortly.',
  },

  // --- institutions, targets and eligibility (issue 19) ---
  institution_ref_invalid: {
    id: 'Nomor induk lembaga tidak valid (NPSN 8 digit, NIB 13 digit, kode Loksem).',
    en: 'The institution id is invalid (NPSN 8 digits, NIB 13 digits, Loksem code).',
  },
  institution_level_required: {
    id: 'Jenjang sekolah wajib untuk sekolah dan hanya untuk sekolah.',
    en: 'A school level is required for schools, and only for schools.',
  },
  institution_not_msme: {
    id: 'Keanggotaan Jakpreneur hanya untuk UMKM.',
    en: 'Jakpreneur membership is only for MSMEs.',
  },
  institution_region_invalid: {
    id: 'Wilayah harus kelurahan atau RW di Jakarta.',
    en: 'The region must be a kelurahan or an RW of Jakarta.',
  },
  institution_ref_taken: {
    id: 'Lembaga dengan nomor induk ini sudah ada.',
    en: 'An institution with this id exists already.',
  },
  institution_kind_fixed: { id: 'Jenis lembaga tidak dapat diubah.', en: 'The kind of an institution cannot change.' },
  need_target_not_found: { id: 'Lembaga sasaran tidak ditemukan.', en: 'The target institution was not found.' },
  need_target_required: {
    id: 'Paket ini mensyaratkan sasaran berupa lembaga dengan jenis tertentu.',
    en: 'This package requires a target institution of a given kind.',
  },
  need_target_kind: {
    id: 'Jenis lembaga sasaran tidak memenuhi syarat paket ini.',
    en: 'The target institution is not of the kind this package requires.',
  },
  need_source_list: {
    id: 'Kebutuhan untuk paket ini harus berasal dari daftar sumber yang disyaratkan.',
    en: 'A need for this package must come from the source list it requires.',
  },
  need_flag_open: {
    id: 'Anda sudah menandai kebutuhan ini dan tandanya belum ditindaklanjuti.',
    en: 'You already flagged this need and the flag is still open.',
  },
  need_flag_resolved: { id: 'Tanda ini sudah ditindaklanjuti.', en: 'This flag was already resolved.' },
  handover_kelurahan_confirmation_required: {
    id: 'Program ini mensyaratkan konfirmasi kelurahan sebelum BAST diverifikasi.',
    en: 'This program requires the kelurahan confirmation before the handover is verified.',
  },
  handover_already_confirmed: {
    id: 'Serah terima ini sudah dikonfirmasi kelurahan.',
    en: 'The kelurahan has already confirmed this handover.',
  },

  // --- bodies, URLs and headers ---
  invalid_json: { id: 'Isi permintaan bukan JSON yang valid.', en: 'The request body is not valid JSON.' },
  json_too_deep: { id: 'JSON terlalu dalam bersarang.', en: 'The JSON body is nested too deeply.' },
  malformed_request: { id: 'Permintaan rusak.', en: 'The request is malformed.' },
  malformed_url: { id: 'Alamat (URL) rusak.', en: 'The URL is malformed.' },
  invalid_unicode: {
    id: 'Teks mengandung karakter yang tidak valid (surrogate tunggal).',
    en: 'A text contains an invalid character (a lone surrogate).',
  },
  invalid_if_match: {
    id: 'Header If-Match harus berupa versi seperti "3".',
    en: 'If-Match must be a version like "3".',
  },
  version_stale: {
    id: 'Data telah diubah orang lain sejak Anda membacanya; muat ulang lalu coba lagi.',
    en: 'Someone changed the data since you read it; reload and try again.',
  },
  file_too_large: { id: 'Berkas terlalu besar.', en: 'The file is too large.' },
  file_required: { id: 'Pilih berkas yang akan diunggah.', en: 'Choose a file to upload.' },
  file_unreadable: { id: 'Berkas tidak dapat dibaca.', en: 'The file could not be read.' },
  idempotency_key_invalid: { id: 'Idempotency-Key tidak valid.', en: 'The Idempotency-Key is invalid.' },
  idempotency_key_reused: {
    id: 'Idempotency-Key ini sudah dipakai untuk permintaan lain.',
    en: 'This Idempotency-Key was used with a different request.',
  },
  idempotency_in_progress: {
    id: 'Permintaan dengan Idempotency-Key ini masih diproses.',
    en: 'A request with this Idempotency-Key is still being processed.',
  },

  // --- database rules (constraint violations and data errors surface as these) ---
  already_exists: { id: 'Data ini sudah ada.', en: 'This already exists.' },
  referenced: {
    id: 'Perubahan merujuk ke, atau dirujuk oleh, data lain.',
    en: 'The change refers to, or is referred to by, other data.',
  },
  rule_violated: {
    id: 'Perubahan melanggar aturan data (jumlah tidak cukup atau status tidak sesuai).',
    en: 'The change breaks a rule of the data (not enough quantity left, or an invalid state).',
  },
  invalid_value: {
    id: 'Ada nilai dengan format salah, terlalu panjang atau di luar rentang.',
    en: 'A value has the wrong format, is too long or out of range.',
  },
  concurrent_change: {
    id: 'Ada perubahan lain pada saat yang sama; coba lagi.',
    en: 'A concurrent change conflicted with this one; retry.',
  },

  // --- sign-in and sessions ---
  invalid_credentials: { id: 'Email atau kata sandi salah.', en: 'The email or password is wrong.' },
  login_throttled: {
    id: 'Terlalu banyak percobaan masuk; coba lagi nanti.',
    en: 'Too many sign-in attempts; try again later.',
  },
  session_ended: {
    id: 'Sesi Anda telah berakhir; silakan masuk lagi.',
    en: 'Your session has ended; please sign in again.',
  },
  access_token_invalid: {
    id: 'Token akses tidak valid atau kedaluwarsa; silakan masuk lagi.',
    en: 'The access token is invalid or expired; please sign in again.',
  },
  authorization_malformed: {
    id: 'Header Authorization harus berbentuk "Bearer <token>".',
    en: 'The Authorization header must be "Bearer <token>".',
  },
  api_key_invalid: { id: 'Kunci API tidak valid.', en: 'The API key is invalid.' },
  refresh_token_invalid: {
    id: 'Sesi tidak dapat diperpanjang; silakan masuk lagi.',
    en: 'The session cannot be renewed; please sign in again.',
  },
  refresh_token_reused: {
    id: 'Token penyegar sudah dipakai; demi keamanan sesi dicabut. Silakan masuk lagi.',
    en: 'The refresh token was already used; the session was revoked for safety. Please sign in again.',
  },
  refresh_token_expired: {
    id: 'Sesi telah kedaluwarsa; silakan masuk lagi.',
    en: 'The session has expired; please sign in again.',
  },
  role_forbidden: { id: 'Peran Anda tidak berhak melakukan ini.', en: 'Your role may not do this.' },
  email_taken: { id: 'Sudah ada akun dengan email ini.', en: 'An account with this email already exists.' },
  email_not_verified: {
    id: 'Email akun belum diverifikasi; buka tautan di email pendaftaran Anda.',
    en: 'The account email is not verified yet; open the link in your sign-up email.',
  },
  email_already_verified: {
    id: 'Email akun ini sudah diverifikasi.',
    en: "This account's email is already verified.",
  },
  verification_token_invalid: {
    id: 'Tautan verifikasi ini tidak valid.',
    en: 'This verification link is not valid.',
  },
  verification_token_used: {
    id: 'Tautan verifikasi ini sudah pernah dipakai.',
    en: 'This verification link was already used.',
  },
  verification_token_expired: {
    id: 'Tautan verifikasi ini sudah kedaluwarsa; minta tautan baru.',
    en: 'This verification link has expired; ask for a new one.',
  },

  // --- claims (allocations) ---
  claim_forbidden: {
    id: 'Anda tidak berhak mengklaim atas nama komitmen ini.',
    en: 'You may not claim for this commitment.',
  },
  commitment_not_approved: {
    id: 'Komitmen belum disetujui; hanya komitmen yang disetujui yang dapat mengklaim kebutuhan.',
    en: 'Only approved commitments can claim needs.',
  },
  collaborator_not_verified: {
    id: 'Kolaborator belum terverifikasi; hanya kolaborator terverifikasi yang dapat melakukan ini.',
    en: 'Only verified collaborators can do this.',
  },
  need_other_program: {
    id: 'Kebutuhan ini milik program lain daripada komitmennya.',
    en: 'The need belongs to another program than the commitment.',
  },
  need_not_claimable: {
    id: 'Kebutuhan ini tidak terbuka; hanya kebutuhan terbuka yang dapat diklaim.',
    en: 'The need is not open; only open needs can be claimed.',
  },
  commitment_item_missing: {
    id: 'Komitmen tidak memuat paket untuk kebutuhan ini.',
    en: 'The commitment has no item for the package of this need.',
  },
  insufficient_quantity: {
    id: 'Hanya tersisa {left} pada kebutuhan; diminta {requested}.',
    en: 'Only {left} left on the need; {requested} requested.',
  },
  insufficient_commitment_quantity: {
    id: 'Hanya tersisa {left} pada butir komitmen; diminta {requested}.',
    en: 'Only {left} left on the commitment item; {requested} requested.',
  },
  release_forbidden: {
    id: 'Anda tidak berhak melepas klaim ini.',
    en: 'You may not release this allocation.',
  },
  allocation_in_handover: {
    id: 'Klaim ini tercantum dalam serah terima yang menunggu verifikasi; belum dapat dilepas.',
    en: 'The allocation is named in a handover awaiting verification; it cannot be released now.',
  },
  allocation_not_reserved: {
    id: 'Hanya klaim yang masih dipesan yang dapat dilepas.',
    en: 'Only reserved allocations can be released.',
  },

  // --- commitments ---
  commitment_sign_forbidden: {
    id: 'Hanya anggota kolaborator yang dapat menandatangani komitmennya.',
    en: 'Only a member of the collaborator can sign its commitment.',
  },
  commitment_not_draft: {
    id: 'Hanya komitmen berstatus draf yang dapat ditandatangani.',
    en: 'Only a draft commitment can be signed.',
  },
  commitment_cancel_forbidden: {
    id: 'Anda tidak berhak membatalkan komitmen ini.',
    en: 'You may not cancel this commitment.',
  },
  commitment_not_cancellable: {
    id: 'Komitmen ini tidak dapat dibatalkan lagi.',
    en: 'This commitment can no longer be cancelled.',
  },
  commitment_own_decision: {
    id: 'Anda yang membuat komitmen ini; petugas Pokja lain yang harus memutuskannya.',
    en: 'You created this commitment; another Pokja officer must decide on it.',
  },
  commitment_not_submitted: {
    id: 'Hanya komitmen yang sudah diajukan yang dapat disetujui atau ditolak.',
    en: 'Only submitted commitments can be approved or rejected.',
  },

  // --- needs and collaborators ---
  need_already_in_state: { id: 'Kebutuhan sudah berstatus ini.', en: 'The need already has this status.' },
  need_transition_refused: {
    id: 'Status kebutuhan saat ini tidak mengizinkan tindakan ini.',
    en: 'The current status of the need does not allow this action.',
  },
  need_not_editable: {
    id: 'Kebutuhan dengan status ini tidak dapat diubah.',
    en: 'A need with this status cannot be changed.',
  },
  need_quantity_below_allocated: {
    id: 'Jumlah tidak boleh kurang dari {allocated} yang sudah diklaim donatur.',
    en: 'The quantity cannot go below the {allocated} already claimed by donors.',
  },
  need_has_allocations: {
    id: 'Kebutuhan masih memiliki {count} klaim aktif; lepaskan dulu, atau tutup kebutuhan.',
    en: 'The need still has {count} active claim(s); release them first, or close the need instead.',
  },
  program_not_open: {
    id: 'Programnya belum dibuka; kebutuhan hanya dapat diterbitkan dalam program yang terbuka.',
    en: 'The program is not open; needs can be published only in an open program.',
  },
  source_ref_taken: {
    id: 'Program ini sudah memiliki kebutuhan dengan sourceRef tersebut.',
    en: 'The program already has a need with this sourceRef.',
  },
  changed_meanwhile: {
    id: 'Data berubah sementara itu; muat ulang lalu coba lagi.',
    en: 'The data changed meanwhile; reload and try again.',
  },
  collaborator_already_in_state: {
    id: 'Kolaborator sudah berstatus ini.',
    en: 'The collaborator already has this status.',
  },
  collaborator_transition_refused: {
    id: 'Status kolaborator saat ini tidak mengizinkan tindakan ini.',
    en: 'The current status of the collaborator does not allow this action.',
  },

  // --- handovers ---
  handover_not_submitted: {
    id: 'Hanya serah terima yang sudah diajukan yang dapat diputuskan.',
    en: 'Only submitted handovers can be decided.',
  },
  handover_commitment_not_approved: {
    id: 'Komitmen serah terima ini tidak lagi disetujui.',
    en: 'The commitment of this handover is no longer approved.',
  },
  handover_duplicate_recipients: {
    id: '{count} penerima sudah tercatat dalam serah terima terverifikasi pada program dan tahun ini; centang konfirmasi untuk tetap memverifikasi.',
    en: '{count} recipient(s) already appear in a verified handover of this program and year; acknowledge to verify anyway.',
  },
  handover_allocation_changed: {
    id: 'Salah satu klaim serah terima ini tidak lagi dipesan atau melebihi jumlahnya.',
    en: 'An allocation of this handover is no longer reserved, or would be delivered beyond its quantity.',
  },

  // --- field errors (`errors[].code`) ---
  password_too_weak: { id: 'Kata sandi terlalu mudah ditebak.', en: 'The password is too easy to guess.' },
  ...EMAIL_ERRORS,
} as const satisfies Record<string, LocalisedText>;

export type ProblemCode = keyof typeof PROBLEM_TEXTS;

/** Every code, in the catalogue's order (the OpenAPI enum of `code`). */
export const PROBLEM_CODES = Object.keys(PROBLEM_TEXTS) as ProblemCode[];

export type ProblemParams = Record<string, string | number>;

/** The catalogue's text of a code in a language, with `{name}` filled from params (an unknown name stays as is). */
export function problemText(
  code: ProblemCode,
  language: keyof LocalisedText,
  params: ProblemParams = {},
): string {
  const text: string = PROBLEM_TEXTS[code][language];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const STATUS_CODES: Record<number, ProblemCode> = {
  400: 'invalid_input',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
  431: 'headers_too_large',
  503: 'service_unavailable',
};

/** The generic code of an HTTP status (4xx without its own → invalid_input; 5xx → internal_error). */
export function problemCodeOfStatus(status: number): ProblemCode {
  return STATUS_CODES[status] ?? (status >= 500 ? 'internal_error' : 'invalid_input');
}

export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROBLEM_TEXTS, value);
}
