/**
 * Every time in the console is Jakarta time (WIB, UTC+7, no daylight saving), whatever the device's time zone:
 * a donor's phone set to Berlin that types 10:00 means 10:00 WIB, and the BAST prints 10.00 WIB.
 * The API speaks instants (ISO 8601); these helpers are the only bridge between an instant and what a person types.
 */
export const WIB_TIME_ZONE = 'Asia/Jakarta';
export const WIB_OFFSET = '+07:00';
const WIB_OFFSET_MS = 7 * 3600_000;

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The `datetime-local` value (`YYYY-MM-DDTHH:mm`) of an instant, on the Jakarta wall clock. */
export function wibInputValue(at: Date): string {
  return new Date(at.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 16);
}

/** Today's date in Jakarta (`YYYY-MM-DD`), for `date` inputs. */
export function wibToday(now: Date = new Date()): string {
  return wibInputValue(now).slice(0, 10);
}

/**
 * The instant a `datetime-local` value means when read as Jakarta time: `2026-01-12T10:00` →
 * `2026-01-12T10:00:00+07:00`. The device's zone plays no part. `null` for anything that is not such a value.
 */
export function wibInputToIso(value: string): string | null {
  const match = LOCAL_DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [, date, hours, minutes, seconds = '00'] = match;
  const iso = `${date}T${hours}:${minutes}:${seconds}${WIB_OFFSET}`;
  const at = new Date(iso);
  // 2026-02-30 parses to 2 March: refuse dates the calendar does not have
  if (Number.isNaN(at.getTime()) || wibInputValue(at).slice(0, 10) !== date) return null;
  return iso;
}

/** The instant of a `datetime-local` value read as Jakarta time (an invalid Date for a bad value). */
export function wibInputToDate(value: string): Date {
  const iso = wibInputToIso(value);
  return iso ? new Date(iso) : new Date(Number.NaN);
}
