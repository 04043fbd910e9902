import { cronInWords, cronOf, DEFAULT_PICK, pickOf, type SchedulePick } from './schedule-picker';

const pick = (p: Partial<SchedulePick>): SchedulePick => ({ ...DEFAULT_PICK, ...p });

describe('schedule picker ⇄ cron', () => {
  it('writes the cron of a daily, weekly and monthly pick', () => {
    expect(cronOf(pick({ frequency: 'daily', time: '07:00' }))).toBe('0 7 * * *');
    expect(cronOf(pick({ frequency: 'daily', time: '23:59' }))).toBe('59 23 * * *');
    expect(cronOf(pick({ frequency: 'weekly', time: '06:30', weekday: '1' }))).toBe('30 6 * * 1');
    expect(cronOf(pick({ frequency: 'weekly', time: '00:05', weekday: '0' }))).toBe('5 0 * * 0');
    expect(cronOf(pick({ frequency: 'monthly', time: '08:15', monthDay: 1 }))).toBe('15 8 1 * *');
    expect(cronOf(pick({ frequency: 'monthly', time: '12:00', monthDay: 28 }))).toBe('0 12 28 * *');
  });

  it('refuses a time or a day the picker does not offer', () => {
    expect(() => cronOf(pick({ time: '24:00' }))).toThrow('HH:MM');
    expect(() => cronOf(pick({ time: '7:00' }))).toThrow('HH:MM');
    expect(() => cronOf(pick({ frequency: 'monthly', monthDay: 31 }))).toThrow('1-28');
    expect(() => cronOf(pick({ frequency: 'weekly', weekday: '7' as never }))).toThrow('0-6');
  });

  it('reads a cron back into the pick that writes it', () => {
    expect(pickOf('0 7 * * *')).toEqual(pick({ frequency: 'daily', time: '07:00' }));
    expect(pickOf('30 6 * * 1')).toEqual(pick({ frequency: 'weekly', time: '06:30', weekday: '1' }));
    expect(pickOf('0 7 * * MON')).toEqual(pick({ frequency: 'weekly', time: '07:00', weekday: '1' }));
    expect(pickOf('0 7 * * 7')).toEqual(pick({ frequency: 'weekly', time: '07:00', weekday: '0' }));
    expect(pickOf(' 15  8 1 * * ')).toEqual(pick({ frequency: 'monthly', time: '08:15', monthDay: 1 }));
    for (const p of [
      pick({ frequency: 'daily', time: '18:45' }),
      pick({ frequency: 'weekly', time: '09:00', weekday: '5' }),
      pick({ frequency: 'monthly', time: '00:00', monthDay: 15 }),
    ]) {
      expect(pickOf(cronOf(p))).toEqual(p);
    }
  });

  it('leaves what it cannot express as a custom cron', () => {
    for (const cron of [
      '* * * * *',
      '*/5 * * * *',
      '0 7 * * 1-5',
      '0 7,19 * * *',
      '0 7 31 * *',
      '0 7 1 1 *',
      '0 7 1 * 1',
      'nonsense',
    ]) {
      expect(pickOf(cron)).toBeNull();
    }
  });

  it('says a cron in words', () => {
    const day = (d: string): string =>
      ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'][Number(d)];
    expect(cronInWords('0 7 * * *', day)).toEqual({ key: 'schedules.every.daily', vars: { time: '07:00' } });
    expect(cronInWords('0 7 * * 1', day)).toEqual({
      key: 'schedules.every.weekly',
      vars: { time: '07:00', day: 'Senin' },
    });
    expect(cronInWords('0 7 1 * *', day)).toEqual({
      key: 'schedules.every.monthly',
      vars: { time: '07:00', day: '1' },
    });
    expect(cronInWords('* * * * *', day)).toEqual({
      key: 'schedules.every.custom',
      vars: { cron: '* * * * *' },
    });
  });
});
