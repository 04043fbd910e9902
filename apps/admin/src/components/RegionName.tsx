import { cachedRegion, useRegions, type Region } from '../hooks/useRegionNames';
import { useI18n, type I18n } from '../i18n/I18nProvider';

/**
 * How a place reads: its name, with its kelurahan for an RW or RT ("RT 001/RW 01, Gambir"), and "Kec. …" for a
 * kecamatan. Undefined while the names are not known yet.
 */
export function regionLabel(region: Region, t: I18n['t'], lookup = cachedRegion): string {
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

/**
 * A region shown by its name, with its code on hover (the `title`) and for screen readers; the code itself until the
 * name is known (or when the code is unknown).
 */
export function RegionName({ code, name }: { code: string; /** a name the caller already has */ name?: string }) {
  const { t } = useI18n();
  const lookup = useRegions(name ? [] : [code]);
  const region = name ? undefined : lookup(code);
  const label = name ?? (region ? regionLabel(region, t, lookup) : undefined);
  if (!label) return <span className="mono">{code}</span>;
  return (
    <span className="region-name" title={t('region.codeHint', { code })}>
      {label}
      <span className="visually-hidden"> ({t('region.codeHint', { code })})</span>
    </span>
  );
}

/** Several regions, comma-separated, each by name with its code on hover. */
export function RegionNames({ codes }: { codes: readonly string[] }) {
  useRegions(codes);
  if (codes.length === 0) return <>—</>;
  return (
    <>
      {codes.map((code, index) => (
        <span key={code}>
          {index > 0 && ', '}
          <RegionName code={code} />
        </span>
      ))}
    </>
  );
}
