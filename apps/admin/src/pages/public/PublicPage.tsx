import { Link } from 'react-router';
import { api } from '../../api/client';
import { BrandMark } from '../../components/BrandMark';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { ErrorState, LoadingState } from '../../components/StatusViews';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { RegionNeedsMap } from './RegionNeedsMap';
import { statFigures } from './public-stats';

function HeadlineNumbers() {
  const { t, format } = useI18n();
  const stats = useApiQuery((signal) => api.GET('/api/v1/public/stats', { signal }), []);
  if (stats.status === 'loading') return <LoadingState />;
  if (stats.status === 'error') return <ErrorState failure={stats.failure} onRetry={stats.reload} />;
  return (
    <ul className="kpis">
      {statFigures(stats.data).map((figure) => (
        <li key={figure.testId} className="kpi">
          <span className="kpi__value" data-testid={`public-${figure.testId}`}>
            {format.number(figure.value)}
          </span>
          <span className="kpi__label">{t(figure.labelKey)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The page for prospective donors: no login, no personal data, the headline numbers and where help is needed. */
export default function PublicPage() {
  const { t } = useI18n();
  return (
    <div className="public">
      <header className="login__top">
        <BrandMark />
        <div className="topbar__actions">
          <LanguageSwitch />
          <Link className="button button--secondary" to="/login">
            {t('login.submit')}
          </Link>
        </div>
      </header>
      <main id="main" className="public__main stack">
        <header className="page-header">
          <div>
            <h1 className="page-header__title">{t('public.title')}</h1>
            <p className="page-header__intro">{t('public.intro')}</p>
          </div>
        </header>
        <section aria-labelledby="public-stats-title" className="stack">
          <h2 id="public-stats-title">{t('public.statsTitle')}</h2>
          <HeadlineNumbers />
        </section>
        <RegionNeedsMap />
      </main>
      <footer className="login__footer">
        <span>{t('app.subtitle')}</span>
        <span>{t('login.footer')}</span>
      </footer>
    </div>
  );
}
