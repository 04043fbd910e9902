import { execFileSync } from 'node:child_process';
import { formattersFor } from './format';
import { wibInputToDate, wibInputToIso, wibInputValue, wibToday } from './wib';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/**
 * Evaluate `expression` in a Node whose time zone is `zone` (jest's sandbox cannot change the process's zone),
 * with the helpers as `m` (compiled on the fly by @swc-node/register).
 */
function inZone(zone: string, expression: string): unknown {
  const script = `const m = { ...require('./wib.ts'), ...require('./format.ts') };
    const hours = new Date('2026-01-12T03:00:00Z').getHours();
    process.stdout.write(JSON.stringify({ hours, value: (${expression}) }));`;
  const output = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], {
    env: { ...process.env, TZ: zone },
    cwd: __dirname,
  }).toString();
  const { hours, value } = JSON.parse(output) as { hours: number; value: unknown };
  // the device really is elsewhere: Berlin's wall clock at 03:00 UTC in January is 04:00
  if (zone === 'Europe/Berlin') expect(hours).toBe(4);
  return value;
}

describe('Jakarta time whatever the device zone', () => {
  it('on a device in Berlin, a typed 10:00 is sent as 10:00 WIB and shown back as 10.00 WIB', () => {
    expect(
      inZone(
        'Europe/Berlin',
        `[m.wibInputToIso('2026-01-12T10:00'), m.wibInputToDate('2026-01-12T10:00').toISOString(),
          m.wibInputValue(new Date('2026-01-12T03:00:00Z')), m.wibToday(new Date('2026-01-12T20:00:00Z')),
          m.formattersFor('id').dateTime('2026-01-12T03:00:00Z').replace(/[\\u00a0\\u202f]/g, ' ')]`,
      ),
    ).toEqual([
      '2026-01-12T10:00:00+07:00',
      '2026-01-12T03:00:00.000Z',
      '2026-01-12T10:00',
      '2026-01-13',
      '12 Jan 2026, 10.00 WIB',
    ]);
  });

  it('gives the same answers in New York as in Berlin', () => {
    expect(inZone('America/New_York', `m.wibInputToDate('2026-07-01T10:00').toISOString()`)).toBe(
      '2026-07-01T03:00:00.000Z',
    );
  });

  it('reads a typed 10:00 as 10:00 WIB (03:00 UTC)', () => {
    expect(wibInputToIso('2026-01-12T10:00')).toBe('2026-01-12T10:00:00+07:00');
    expect(wibInputToDate('2026-01-12T10:00').toISOString()).toBe('2026-01-12T03:00:00.000Z');
    expect(wibInputToIso('2026-07-01T23:30:15')).toBe('2026-07-01T23:30:15+07:00');
  });

  it('refuses what is not a datetime-local value or not on the calendar', () => {
    for (const bad of ['', '10:00', '2026-01-12', '2026-02-30T10:00', '2026-01-12T10:00Z'])
      expect(wibInputToIso(bad)).toBeNull();
    expect(Number.isNaN(wibInputToDate('nope').getTime())).toBe(true);
  });

  it('fills inputs with the Jakarta wall clock', () => {
    expect(wibInputValue(new Date('2026-01-12T03:00:00Z'))).toBe('2026-01-12T10:00');
    // 20:00 UTC is already the next day in Jakarta
    expect(wibInputValue(new Date('2026-01-12T20:00:00Z'))).toBe('2026-01-13T03:00');
    expect(wibToday(new Date('2026-01-12T20:00:00Z'))).toBe('2026-01-13');
  });

  it('shows instants in WIB with the zone named, in both languages', () => {
    expect(plain(formattersFor('id').dateTime('2026-01-12T03:00:00Z'))).toBe('12 Jan 2026, 10.00 WIB');
    expect(plain(formattersFor('en').dateTime('2026-01-12T03:00:00Z'))).toBe('12 Jan 2026, 10:00 WIB');
    expect(formattersFor('id').date('2026-01-12T20:00:00Z')).toBe('13 Jan 2026');
  });
});
