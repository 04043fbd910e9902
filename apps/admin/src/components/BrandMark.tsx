import { useI18n } from '../i18n/I18nProvider';

/** The KSBB word mark with the console name. */
export function BrandMark() {
  const { t } = useI18n();
  return (
    <span className="brand">
      <span className="brand__logo" aria-hidden="true">
        K
      </span>
      <span className="brand__text">
        <span className="brand__name">{t('app.name')}</span>
        <span className="brand__console">{t('app.console')}</span>
      </span>
    </span>
  );
}
