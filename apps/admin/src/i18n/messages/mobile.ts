import type { Translation } from './types';

/** Phones and time zones: the navigation drawer, the handover form's camera and location, Jakarta time. */
export const mobileId = {
  'nav.menu': 'Menu',
  'nav.closeMenu': 'Tutup menu',
  'time.wibHint': 'Waktu Jakarta (WIB), apa pun zona waktu perangkat Anda.',
  'handoverForm.takePhoto': 'Ambil foto dengan kamera',
  'handoverForm.useLocation': 'Gunakan lokasi saya',
  'handoverForm.locating': 'Mencari lokasi…',
  'handoverForm.accuracy': 'Akurasi ± {metres} m',
  'handoverForm.locationFailed':
    'Lokasi perangkat tidak tersedia. Isi lintang dan bujur secara manual, atau kosongkan.',
  'handoverForm.coordinates': 'Titik lokasi (opsional)',
} as const;

export const mobileEn: Translation<typeof mobileId> = {
  'nav.menu': 'Menu',
  'nav.closeMenu': 'Close menu',
  'time.wibHint': "Jakarta time (WIB), whatever your device's time zone.",
  'handoverForm.takePhoto': 'Take a photo with the camera',
  'handoverForm.useLocation': 'Use my location',
  'handoverForm.locating': 'Finding the location…',
  'handoverForm.accuracy': 'Accuracy ± {metres} m',
  'handoverForm.locationFailed':
    "The device's location is not available. Enter latitude and longitude, or leave them empty.",
  'handoverForm.coordinates': 'Location point (optional)',
};
