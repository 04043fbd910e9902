import { api } from '../../api/client';
import { ErrorState, LoadingState } from '../../components/StatusViews';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { InstitutionsReached } from './InstitutionsReached';
import { PublicShell } from './PublicShell';
import { LedgerStatus, ProgramCards, Scorecard, VerifyForm } from './PublicSections';
import { RegionNeedsMap } from './RegionNeedsMap';
import { statFigures } from './public-stats';

function HeadlineNumbers() {
  const { t, format } = useI18n();
  const stats = useApiQuery((signal) => api.GET('/api/v1/public/stats', { signal }), []);
  if (stats.status === 'loading') return <LoadingState />;
  if (stats.status === 'error') return <ErrorState failure={stats.failure} onRetry={stats.reload} />;
  return (
    <>
      <section aria-labelledby="public-stats-title" className="stack">
        <h2 id="public-stats-title">{t('public.statsTitle')}</h2>
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
      </section>
      <ProgramCards programs={stats.data.programs} />
    </>
  );
}

/**
 * The public site's home, for citizens and prospective donors: no login, no personal data. Live figures, programs,
 * the needs map, the collaborator scorecard, the ledger's status and a way to verify a BAST.
 */
export default function PublicPage() {
  const { t } = useI18n();
  return (
    <PublicShell>
      <header className="page-header">
        <div>
          <h1 className="page-header__title">{t('public.title')}</h1>
          <p className="page-header__intro">{t('public.intro')}</p>
        </div>
      </header>
      <HeadlineNumbers />
      <InstitutionsReached />
      <VerifyForm />
      <RegionNeedsMap />
      <Scorecard />
      <LedgerStatus />
    </PublicShell>
  );
}
