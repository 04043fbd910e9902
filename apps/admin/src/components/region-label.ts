import { cachedRegion, type Region } from '../hooks/useRegionNames';
import type { MessageKey } from '../i18n/id';
import type { MessageVars } from '../i18n/locales';

/**
 * How a place reads: its name, with its kelurahan for an RW or RT ("RT 001/RW 01, Gambir"), and "Kec. …" for a
 * kecamatan. An RW or RT whose kelurahan is not cached yet reads as its own name.
 */
export function regionLabel(region: Region, t: (key: MessageKey, vars?: MessageVars) => string, lookup = cachedRegion): string {
  const parts = region.code.split('.');
  const village = parts.length >= 5 ? lookup(parts.slice(0, 4).join('.'))?.name : undefined;
  if (region.level === 'rt') {
    const rw = lookup(parts.slice(0, 5).join('.'))?.name ?? parts[4];
    return village ? t('region.rtOf', { rt: region.name, rw, village }) : region.name;
  }
  if (region.level === 'rw') return village ? t('region.rwOf', { rw: region.name, village }) : region.name;
  if (region.level === 'district') return t('region.districtName', { name: region.name });
  return region.name;
}
