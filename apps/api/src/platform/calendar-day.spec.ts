import { validateSync } from 'class-validator';
import { IsCalendarDay } from './calendar-day';

class Probe {
  @IsCalendarDay() day: string;
}

const valid = (day: string): boolean => validateSync(Object.assign(new Probe(), { day })).length === 0;

describe('IsCalendarDay', () => {
  it.each(['2024-02-29', '2026-12-31', '2026-01-01'])('accepts the day %s', (day) => expect(valid(day)).toBe(true));

  it.each(['2024-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-1-01', '2026-01-01T00:00:00Z', ''])(
    'refuses %j',
    (day) => expect(valid(day)).toBe(false),
  );
});
