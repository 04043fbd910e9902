import { useRegions } from '../hooks/useRegionNames';
import { useI18n } from '../i18n/I18nProvider';
import { regionLabel } from './region-label';

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
