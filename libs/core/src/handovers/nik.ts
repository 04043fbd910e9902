import { hmacSha256Hex } from '../common/hashing';

/**
 * The 16-digit national identity number (NIK): `PP KK CC DDMMYY SSSS` — province, city, district, birth date
 * (day + 40 for women) and a serial. It is personal data: the server keeps only its keyed hash and a mask, and
 * never echoes it (not even in an error message).
 */
export function nikProblem(nik: string): string | null {
  if (!/^\d{16}$/.test(nik)) return 'must be 16 digits';
  const province = Number(nik.slice(0, 2));
  if (province < 11 || province > 94) return 'does not start with a valid province code (11–94)';
  const day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const validDay = (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
  if (!validDay || month < 1 || month > 12) return 'does not hold a valid birth date';
  if (nik.slice(12) === '0000') return 'has an invalid serial number';
  return null;
}

/** `3171********0001` */
export function maskNik(nik: string): string {
  return `${nik.slice(0, 4)}********${nik.slice(12)}`;
}

/** HMAC-SHA256 with the server secret: equal NIKs give equal hashes, and the hash alone reveals nothing. */
export function hashNik(secret: string, nik: string): string {
  return hmacSha256Hex(secret, nik);
}
