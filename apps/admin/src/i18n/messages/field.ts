import type { Translation } from './types';

/** Handovers from the field: the offline queue on the device, the location's accuracy on the BAST page. */
export const fieldId = {
  'offlineQueue.waiting': 'Menunggu dikirim: {count} serah terima',
  'offlineQueue.hint': 'Tersimpan di perangkat ini dan dikirim otomatis saat tersambung ke internet.',
  'offlineQueue.offlineHint':
    'Perangkat sedang luring. Serah terima tersimpan di perangkat ini dan dikirim otomatis saat koneksi kembali.',
  'offlineQueue.entry': '{date} · {quantity} paket · {photos} foto',
  'offlineQueue.sendNow': 'Kirim sekarang',
  'offlineQueue.sending': 'Mengirim…',
  'offlineQueue.queued':
    'Tidak ada koneksi: serah terima disimpan di perangkat ini dan akan dikirim saat koneksi kembali.',
  'offlineQueue.sent': 'Serah terima {number} terkirim.',
  'offlineQueue.refusedTitle': 'Serah terima yang ditolak',
  'offlineQueue.refused': '{date}: ditolak — {detail}',
  'offlineQueue.discard': 'Buang',
  'offlineQueue.noStorage':
    'Tidak ada koneksi, dan peramban ini tidak dapat menyimpan serah terima. Coba lagi saat tersambung.',
  'handovers.accuracy': 'akurasi ± {metres} m',
} as const;

export const fieldEn: Translation<typeof fieldId> = {
  'offlineQueue.waiting': 'Waiting to send: {count} handover(s)',
  'offlineQueue.hint': 'Kept on this device and sent by itself once connected to the internet.',
  'offlineQueue.offlineHint':
    'This device is offline. The handover is kept on this device and sent by itself when the connection returns.',
  'offlineQueue.entry': '{date} · {quantity} packages · {photos} photo(s)',
  'offlineQueue.sendNow': 'Send now',
  'offlineQueue.sending': 'Sending…',
  'offlineQueue.queued':
    'No connection: the handover is kept on this device and will be sent when the connection returns.',
  'offlineQueue.sent': 'Handover {number} sent.',
  'offlineQueue.refusedTitle': 'Refused handovers',
  'offlineQueue.refused': '{date}: refused — {detail}',
  'offlineQueue.discard': 'Discard',
  'offlineQueue.noStorage':
    'No connection, and this browser cannot keep the handover. Try again once connected.',
  'handovers.accuracy': 'accuracy ± {metres} m',
};
