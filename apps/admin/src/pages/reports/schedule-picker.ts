/**
 * The human side of a report schedule's cron: "daily / weekly on a weekday / monthly on a day, at HH:MM" (Jakarta
 * time, WIB: the worker runs every schedule in Asia/Jakarta) to and from the five-field cron the API stores.
 * A cron the picker cannot express (steps, lists, ranges) stays a custom cron, shown as it is.
 */

export const FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** 0 = Sunday … 6 = Saturday, as cron counts them. */
export const WEEKDAYS = ['0', '1', '2', '3', '4', '5', '6'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Days 1–28 only: a monthly report then runs in every month, February too. */
export const MONTH_DAYS = Array.from({ length: 28 }, (_, i) => i + 1);

export interface SchedulePick {
  frequency: Frequency;
  /** `HH:MM`, 24-hour, WIB. */
  time: string;
  /** For `weekly`. */
  weekday: Weekday;
  /** For `monthly`: 1–28. */
  monthDay: number;
}

export const DEFAULT_PICK: SchedulePick = { frequency: 'weekly', time: '07:00', weekday: '1', monthDay: 1 };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether `HH:MM` is a valid time of day. */
export const isTime = (time: string): boolean => TIME.test(time);

/** The cron of a pick; throws on a time that is not `HH:MM` or a day out of range (the form checks first). */
export function cronOf(pick: SchedulePick): string {
  const m = TIME.exec(pick.time);
  if (!m) throw new Error(`time "${pick.time}" is not HH:MM`);
  const [minute, hour] = [Number(m[2]), Number(m[1])];
  switch (pick.frequency) {
    case 'daily':
      return `${minute} ${hour} * * *`;
    case 'weekly':
      if (!WEEKDAYS.includes(pick.weekday)) throw new Error(`weekday "${pick.weekday}" is not 0-6`);
      return `${minute} ${hour} * * ${pick.weekday}`;
    case 'monthly':
      if (!MONTH_DAYS.includes(pick.monthDay)) throw new Error(`day ${pick.monthDay} is not 1-28`);
      return `${minute} ${hour} ${pick.monthDay} * *`;
  }
}

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const number = (field: string, min: number, max: number): number | null => {
  if (!/^\d{1,2}$/.test(field)) return null;
  const n = Number(field);
  return n >= min && n <= max ? n : null;
};
const two = (n: number): string => String(n).padStart(2, '0');

/** The pick a cron stands for, or null when the picker cannot express it (a custom cron). */
export function pickOf(cron: string): SchedulePick | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const [minuteField, hourField, dayField, monthField, weekdayField] = fields;
  const minute = number(minuteField, 0, 59);
  const hour = number(hourField, 0, 23);
  if (minute === null || hour === null || monthField !== '*') return null;
  const time = `${two(hour)}:${two(minute)}`;
  if (dayField === '*' && weekdayField === '*') return { ...DEFAULT_PICK, frequency: 'daily', time };
  if (dayField === '*') {
    const named = DAY_NAMES.indexOf(weekdayField.toUpperCase());
    const weekday = named >= 0 ? named : number(weekdayField, 0, 7);
    if (weekday === null) return null;
    return { ...DEFAULT_PICK, frequency: 'weekly', time, weekday: String(weekday % 7) as Weekday };
  }
  if (weekdayField === '*') {
    const monthDay = number(dayField, 1, 28);
    if (monthDay === null) return null;
    return { ...DEFAULT_PICK, frequency: 'monthly', time, monthDay };
  }
  return null;
}

/** The message key and variables that say a cron in words; a custom cron is shown as it is. */
export function cronInWords(
  cron: string,
  weekdayName: (weekday: Weekday) => string,
):
  | { key: 'schedules.every.daily'; vars: { time: string } }
  | { key: 'schedules.every.weekly'; vars: { time: string; day: string } }
  | { key: 'schedules.every.monthly'; vars: { time: string; day: string } }
  | { key: 'schedules.every.custom'; vars: { cron: string } } {
  const pick = pickOf(cron);
  if (!pick) return { key: 'schedules.every.custom', vars: { cron: cron.trim() } };
  switch (pick.frequency) {
    case 'daily':
      return { key: 'schedules.every.daily', vars: { time: pick.time } };
    case 'weekly':
      return { key: 'schedules.every.weekly', vars: { time: pick.time, day: weekdayName(pick.weekday) } };
    case 'monthly':
      return { key: 'schedules.every.monthly', vars: { time: pick.time, day: String(pick.monthDay) } };
  }
}
