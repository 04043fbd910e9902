import { codesToLoad, rememberRegions, resetRegionCache, type Region } from '../hooks/useRegionNames';
import { translate } from '../i18n/locales';
import type { MessageKey } from '../i18n/id';
import type { MessageVars } from '../i18n/locales';
import { regionLabel } from './region-label';

const region = (code: string, level: string, name: string): Region =>
  ({ code, level, name, parentCode: null, lon: null, lat: null }) as Region;
const tId = (key: MessageKey, vars?: MessageVars) => translate('id', key, vars);
const tEn = (key: MessageKey, vars?: MessageVars) => translate('en', key, vars);

describe('places read as names', () => {
  afterEach(() => resetRegionCache());

  it('an RW or RT needs its kelurahan (and RW) too: their codes are prefixes of its code', () => {
    expect(codesToLoad('31.71.01.1001.RW01.RT001')).toEqual([
      '31.71.01.1001.RW01.RT001',
      '31.71.01.1001',
      '31.71.01.1001.RW01',
    ]);
    expect(codesToLoad('31.71.01.1001.RW01')).toEqual(['31.71.01.1001.RW01', '31.71.01.1001']);
    expect(codesToLoad('31.71.01')).toEqual(['31.71.01']);
  });

  it('labels an RT with its RW and kelurahan, a kecamatan as such, a kelurahan by its name', () => {
    rememberRegions([
      region('31.71.01.1001', 'village', 'Gambir'),
      region('31.71.01.1001.RW01', 'rw', 'RW 01'),
    ]);
    expect(regionLabel(region('31.71.01.1001.RW01.RT001', 'rt', 'RT 001'), tId)).toBe('RT 001/RW 01, Gambir');
    expect(regionLabel(region('31.71.01.1001.RW01', 'rw', 'RW 01'), tEn)).toBe('RW 01, Gambir');
    expect(regionLabel(region('31.71.01', 'district', 'Gambir'), tId)).toBe('Kec. Gambir');
    expect(regionLabel(region('31.71.01', 'district', 'Gambir'), tEn)).toBe('Gambir district');
    expect(regionLabel(region('31.71.01.1001', 'village', 'Gambir'), tId)).toBe('Gambir');
  });

  it('an RT whose kelurahan is not known yet reads as its own name', () => {
    expect(regionLabel(region('31.71.01.1002.RW03.RT004', 'rt', 'RT 004'), tId)).toBe('RT 004');
  });
});
