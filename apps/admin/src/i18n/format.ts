import type { Locale } from './locales';
import { WIB_TIME_ZONE } from './wib';

/** BCP 47 tags used for number and date formatting. */
const INTL_LOCALE: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };
/** Jakarta is UTC+7 (WIB); the API speaks UTC. Every date and time is shown in Jakarta, whatever the device's zone. */
const TIME_ZONE = WIB_TIME_ZONE;

export interface Formatters {
  /** an integer amount of rupiah, e.g. "Rp 1.500.000" */
  rupiah(amount: number): string;
  /** a plain number with the locale's grouping, e.g. "2.400.000" */
  number(value: number): string;
  /** a calendar date in Jakarta time, e.g. "24 Apr 2020" */
  date(iso: string): string;
  /** a date and time in Jakarta time, with its zone, e.g. "24 Apr 2020, 14.30 WIB" */
  dateTime(iso: string): string;
}

const cache = new Map<Locale, Formatters>();

export function formattersFor(locale: Locale): Formatters {
  const cached = cache.get(locale);
  if (cached) return cached;
  const tag = INTL_LOCALE[locale];
  const rupiahFormat = new Intl.NumberFormat(tag, {
    style: 'currency',
    currency: 'IDR',
    maximumFractionDigits: 0,
  });
  const numberFormat = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: TIME_ZONE });
  const dateTimeFormat = new Intl.DateTimeFormat(tag, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  });
  const formatters: Formatters = {
    rupiah: (amount) => rupiahFormat.format(amount),
    number: (value) => numberFormat.format(value),
    date: (iso) => dateFormat.format(new Date(iso)),
    dateTime: (iso) => `${dateTimeFormat.format(new Date(iso))} WIB`,
  };
  cache.set(locale, formatters);
  return formatters;
}
