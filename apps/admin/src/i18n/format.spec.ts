import { formattersFor } from './format';
import { en } from './en';
import { id } from './id';
import { translate } from './locales';

/** Intl output uses no-break spaces; compare on plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatters', () => {
  it('formats rupiah without decimals in both languages', () => {
    expect(plain(formattersFor('id').rupiah(1500000))).toBe('Rp 1.500.000');
    expect(plain(formattersFor('en').rupiah(1500000))).toMatch(/^IDR 1,500,000$/);
  });

  it('groups numbers per locale', () => {
    expect(formattersFor('id').number(2400000)).toBe('2.400.000');
    expect(formattersFor('en').number(2400000)).toBe('2,400,000');
  });

  it('shows dates in Jakarta time (UTC+7)', () => {
    // 23 Apr 2020 20:00 UTC is already 24 Apr in Jakarta
    expect(formattersFor('id').date('2020-04-23T20:00:00Z')).toBe('24 Apr 2020');
    expect(plain(formattersFor('en').dateTime('2020-04-23T20:00:00Z'))).toBe('24 Apr 2020, 03:00 WIB');
    expect(plain(formattersFor('id').dateTime('2026-01-12T03:00:00Z'))).toBe('12 Jan 2026, 10.00 WIB');
  });
});

describe('dictionaries', () => {
  it('English translates exactly the Indonesian keys, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    for (const text of [...Object.values(id), ...Object.values(en)]) expect(text.trim()).not.toBe('');
  });

  it('fills placeholders and keeps unknown ones', () => {
    expect(translate('id', 'dashboard.welcome', { name: 'Siti' })).toBe('Selamat datang, Siti');
    expect(translate('en', 'pagination.summary', { page: 1, pages: 3 })).toBe(
      'Page 1 of 3 · {total} records',
    );
  });
});
