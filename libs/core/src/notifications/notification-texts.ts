import type { Language } from '../users/user.entity';

/**
 * The message of each event in Bahasa Indonesia and English, keyed `notification.<event type>`. Texts use only
 * what every recipient of that event may see (numbers, program codes, quantities, dates, reasons): never names
 * of private persons, contacts or NIKs.
 */

export interface NotificationText {
  title: string;
  /** Paragraphs of plain text. */
  lines: string[];
}

type Payload = Record<string, unknown>;
type TextOf = (p: Payload) => NotificationText;

const str = (p: Payload, key: string, fallback = '-'): string => {
  const v = p[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : fallback;
};

const dateOf = (p: Payload, key: string, language: Language): string => {
  const v = p[key];
  const d = typeof v === 'string' || v instanceof Date ? new Date(v) : null;
  if (!d || Number.isNaN(d.getTime())) return '-';
  return d.toLocaleDateString(language === 'en' ? 'en-GB' : 'id-ID', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Asia/Jakarta',
  });
};

const reasonLine = (p: Payload, label: string): string[] =>
  p.reason ? [`${label}: ${str(p, 'reason')}`] : [];

export const NOTIFICATION_TEXTS: Readonly<Record<string, Record<Language, TextOf>>> = {
  'notification.collaborator.registered': {
    id: () => ({
      title: 'Kolaborator baru menunggu verifikasi',
      lines: ['Seorang kolaborator baru mendaftar dan menunggu verifikasi Pokja.'],
    }),
    en: () => ({
      title: 'New collaborator awaiting verification',
      lines: ['A new collaborator registered and awaits Pokja verification.'],
    }),
  },
  'notification.collaborator.verified': {
    id: () => ({
      title: 'Kolaborator Anda telah diverifikasi',
      lines: ['Pokja telah memverifikasi organisasi Anda. Anda sekarang dapat menandatangani komitmen.'],
    }),
    en: () => ({
      title: 'Your collaborator account is verified',
      lines: ['Pokja has verified your organisation. You can now sign commitments.'],
    }),
  },
  'notification.commitment.submitted': {
    id: (p) => ({
      title: `Komitmen ${str(p, 'number')} menunggu persetujuan`,
      lines: [
        `Komitmen ${str(p, 'number')} untuk program ${str(p, 'programCode')} telah ditandatangani dan menunggu persetujuan Pokja.`,
      ],
    }),
    en: (p) => ({
      title: `Commitment ${str(p, 'number')} awaits approval`,
      lines: [
        `Commitment ${str(p, 'number')} for program ${str(p, 'programCode')} was signed and awaits Pokja approval.`,
      ],
    }),
  },
  'notification.commitment.approved': {
    id: (p) => ({
      title: `Komitmen ${str(p, 'number')} disetujui`,
      lines: [
        `Komitmen ${str(p, 'number')} untuk program ${str(p, 'programCode')} telah disetujui Pokja. Anda dapat mulai mengklaim kebutuhan.`,
      ],
    }),
    en: (p) => ({
      title: `Commitment ${str(p, 'number')} approved`,
      lines: [
        `Commitment ${str(p, 'number')} for program ${str(p, 'programCode')} was approved by Pokja. You can now claim needs.`,
      ],
    }),
  },
  'notification.commitment.rejected': {
    id: (p) => ({
      title: `Komitmen ${str(p, 'number')} ditolak`,
      lines: [
        `Komitmen ${str(p, 'number')} untuk program ${str(p, 'programCode')} ditolak Pokja.`,
        ...reasonLine(p, 'Alasan'),
      ],
    }),
    en: (p) => ({
      title: `Commitment ${str(p, 'number')} rejected`,
      lines: [
        `Commitment ${str(p, 'number')} for program ${str(p, 'programCode')} was rejected by Pokja.`,
        ...reasonLine(p, 'Reason'),
      ],
    }),
  },
  'notification.allocation.reserved': {
    id: (p) => ({
      title: 'Klaim kebutuhan tercatat',
      lines: [
        `Klaim sebanyak ${str(p, 'quantity')} unit tercatat dan berlaku sampai ${dateOf(p, 'expiresAt', 'id')}.`,
      ],
    }),
    en: (p) => ({
      title: 'Claim reserved',
      lines: [`A claim of ${str(p, 'quantity')} unit(s) is reserved until ${dateOf(p, 'expiresAt', 'en')}.`],
    }),
  },
  'notification.allocation.expiring': {
    id: (p) => ({
      title: 'Klaim akan segera berakhir',
      lines: [
        `Klaim sebanyak ${str(p, 'quantity')} unit berakhir pada ${dateOf(p, 'expiresAt', 'id')}. Serahkan bantuan dan kirim BAST sebelum tanggal itu.`,
      ],
    }),
    en: (p) => ({
      title: 'Claim about to expire',
      lines: [
        `A claim of ${str(p, 'quantity')} unit(s) expires on ${dateOf(p, 'expiresAt', 'en')}. Hand over and submit the BAST before then.`,
      ],
    }),
  },
  'notification.allocation.expired': {
    id: (p) => ({
      title: 'Klaim telah berakhir',
      lines: [
        `Klaim sebanyak ${str(p, 'quantity')} unit berakhir tanpa serah terima; jumlahnya dikembalikan ke kebutuhan.`,
      ],
    }),
    en: (p) => ({
      title: 'Claim expired',
      lines: [
        `A claim of ${str(p, 'quantity')} unit(s) expired without a handover; its quantity went back to the need.`,
      ],
    }),
  },
  'notification.allocation.released': {
    id: (p) => ({
      title: 'Klaim dilepas',
      lines: [`Klaim sebanyak ${str(p, 'quantity')} unit telah dilepas.`, ...reasonLine(p, 'Alasan')],
    }),
    en: (p) => ({
      title: 'Claim released',
      lines: [`A claim of ${str(p, 'quantity')} unit(s) was released.`, ...reasonLine(p, 'Reason')],
    }),
  },
  'notification.handover.submitted': {
    id: (p) => ({
      title: `BAST ${str(p, 'bastNumber')} menunggu verifikasi`,
      lines: [
        `Berita acara serah terima ${str(p, 'bastNumber')} telah dikirim dan menunggu verifikasi Pokja.`,
      ],
    }),
    en: (p) => ({
      title: `Handover ${str(p, 'bastNumber')} awaits verification`,
      lines: [`Handover record (BAST) ${str(p, 'bastNumber')} was submitted and awaits Pokja verification.`],
    }),
  },
  'notification.handover.verified': {
    id: (p) => ({
      title: `BAST ${str(p, 'bastNumber')} diverifikasi`,
      lines: [
        `Berita acara serah terima ${str(p, 'bastNumber')} telah diverifikasi Pokja. Terima kasih atas kolaborasinya.`,
      ],
    }),
    en: (p) => ({
      title: `Handover ${str(p, 'bastNumber')} verified`,
      lines: [
        `Handover record (BAST) ${str(p, 'bastNumber')} was verified by Pokja. Thank you for collaborating.`,
      ],
    }),
  },
  'notification.handover.rejected': {
    id: (p) => ({
      title: `BAST ${str(p, 'bastNumber')} ditolak`,
      lines: [`Berita acara serah terima ${str(p, 'bastNumber')} ditolak Pokja.`, ...reasonLine(p, 'Alasan')],
    }),
    en: (p) => ({
      title: `Handover ${str(p, 'bastNumber')} rejected`,
      lines: [
        `Handover record (BAST) ${str(p, 'bastNumber')} was rejected by Pokja.`,
        ...reasonLine(p, 'Reason'),
      ],
    }),
  },
  // `link` is there only in the email (EmailDeliveryService adds it when sending); the in-app note has none.
  'notification.user.email_verification_requested': {
    id: (p) => ({
      title: 'Konfirmasi alamat email Anda',
      lines: p.link
        ? [
            'Terima kasih telah mendaftar di KSBB. Buka tautan berikut untuk mengonfirmasi alamat email Anda:',
            str(p, 'link'),
            `Tautan ini hanya dapat dipakai sekali dan berlaku sampai ${dateOf(p, 'expiresAt', 'id')}.`,
            'Setelah itu Pokja memverifikasi organisasi Anda; kemudian Anda dapat menandatangani komitmen.',
            'Jika Anda tidak mendaftar di KSBB, abaikan email ini.',
          ]
        : ['Buka tautan dalam email yang kami kirim untuk mengonfirmasi alamat email Anda.'],
    }),
    en: (p) => ({
      title: 'Confirm your email address',
      lines: p.link
        ? [
            'Thank you for signing up to KSBB. Open this link to confirm your email address:',
            str(p, 'link'),
            `The link works once, until ${dateOf(p, 'expiresAt', 'en')}.`,
            'Then Pokja verifies your organisation; after that you can sign commitments.',
            'If you did not sign up to KSBB, ignore this email.',
          ]
        : ['Open the link in the email we sent you to confirm your email address.'],
    }),
  },
  'notification.report.ready': {
    id: (p) => ({
      title: `Laporan ${str(p, 'name', str(p, 'report'))} siap`,
      lines: ['Laporan terjadwal telah dibuat dan dapat diunduh.'],
    }),
    en: (p) => ({
      title: `Report ${str(p, 'name', str(p, 'report'))} is ready`,
      lines: ['A scheduled report was produced and can be downloaded.'],
    }),
  },
};

export const languageOf = (value: string | null | undefined): Language => (value === 'en' ? 'en' : 'id');

/** The text of one event for one language; an event without its own text gets a neutral line. */
export function notificationText(eventType: string, language: Language, payload: Payload): NotificationText {
  const text = NOTIFICATION_TEXTS[`notification.${eventType}`]?.[language];
  if (text) return text(payload);
  return language === 'en'
    ? { title: `Update: ${eventType}`, lines: ['There is an update on KSBB.'] }
    : { title: `Pembaruan: ${eventType}`, lines: ['Ada pembaruan di KSBB.'] };
}
