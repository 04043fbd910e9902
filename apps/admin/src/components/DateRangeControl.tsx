import { useId } from 'react';
import { wibToday } from '../i18n/wib';
import { useI18n } from '../i18n/I18nProvider';

/** A period of Jakarta (WIB) calendar days, both inclusive (`YYYY-MM-DD`). */
export interface DateRange {
  from: string;
  to: string;
}

/** The longest period the reports answer for (the API refuses more). */
export const MAX_RANGE_DAYS = 3660;
const DAY_MS = 86_400_000;

const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The last `days` WIB days up to and including today. */
export function lastDays(days: number, today: string = wibToday()): DateRange {
  return { from: dayOf(dayNumber(today) - days + 1), to: today };
}

/** Days in the range (inclusive); 0 when it is not a range. */
export function rangeDays(range: DateRange): number {
  const days = dayNumber(range.to) - dayNumber(range.from) + 1;
  return Number.isFinite(days) ? days : 0;
}

/** Why a range cannot be asked for, or null when it can. */
export function rangeProblem(range: DateRange): 'range.invalid' | 'range.tooLong' | null {
  const days = rangeDays(range);
  if (!range.from || !range.to || days < 1) return 'range.invalid';
  if (days > MAX_RANGE_DAYS) return 'range.tooLong';
  return null;
}

/** The bucket a chart over the range reads best in: days up to two months, weeks up to a year, else months. */
export function intervalFor(range: DateRange): 'day' | 'week' | 'month' {
  const days = rangeDays(range);
  return days <= 62 ? 'day' : days <= 366 ? 'week' : 'month';
}

const PRESETS = [
  { days: 30, key: 'range.last30' },
  { days: 90, key: 'range.last90' },
  { days: 365, key: 'range.last365' },
] as const;

/** Two WIB date inputs and a few presets; the parent holds the range and asks only when it is valid. */
export function DateRangeControl({
  value,
  onChange,
}: {
  value: DateRange;
  onChange(range: DateRange): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const problem = rangeProblem(value);
  return (
    <fieldset className="date-range" aria-describedby={problem ? `${id}-problem` : undefined}>
      <legend>{t('range.label')}</legend>
      <div className="date-range__fields">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('range.from')}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={value.from}
            max={value.to || undefined}
            aria-invalid={problem ? true : undefined}
            onChange={(event) => onChange({ ...value, from: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('range.to')}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={value.to}
            min={value.from || undefined}
            aria-invalid={problem ? true : undefined}
            onChange={(event) => onChange({ ...value, to: event.target.value })}
          />
        </div>
        <div className="date-range__presets" role="group" aria-label={t('range.label')}>
          {PRESETS.map((preset) => {
            const range = lastDays(preset.days);
            const active = range.from === value.from && range.to === value.to;
            return (
              <button
                key={preset.days}
                type="button"
                className="button button--secondary button--small"
                aria-pressed={active}
                onClick={() => onChange(range)}
              >
                {t(preset.key)}
              </button>
            );
          })}
        </div>
      </div>
      {problem && (
        <p id={`${id}-problem`} className="field__error" role="alert">
          {t(problem)}
        </p>
      )}
    </fieldset>
  );
}
