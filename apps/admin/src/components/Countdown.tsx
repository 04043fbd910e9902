import { useNow } from '../hooks/useNow';
import { useI18n } from '../i18n/I18nProvider';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** under this much time left a claim is shown as urgent */
const URGENT_MS = 3 * DAY;

/** Time left until `until` (e.g. a claim's expiry), ticking every second, announced politely to screen readers. */
export function Countdown({ until }: { until: string }) {
  const { t, format } = useI18n();
  const now = useNow();
  const left = new Date(until).getTime() - now;
  if (left <= 0) return <span className="countdown countdown--over">{t('countdown.expired')}</span>;

  const days = Math.floor(left / DAY);
  const hours = Math.floor((left % DAY) / HOUR);
  const minutes = Math.floor((left % HOUR) / MINUTE);
  const seconds = Math.floor((left % MINUTE) / SECOND);
  const clock = [hours, minutes, seconds].map((part) => String(part).padStart(2, '0')).join(':');
  const text = days > 0 ? t('countdown.daysClock', { days: format.number(days), clock }) : clock;
  return (
    <span
      className={left < URGENT_MS ? 'countdown countdown--urgent' : 'countdown'}
      title={format.dateTime(until)}
    >
      <span className="visually-hidden">{t('countdown.left')} </span>
      <time dateTime={until}>{text}</time>
    </span>
  );
}
