import { Link } from 'react-router';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/current-user';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { programColumns } from '../program-columns';
import { RegionNeedsMap } from '../public/RegionNeedsMap';
import { ReportOverview } from './ReportOverview';
import { usePokjaQueues } from './usePokjaQueues';

export default function DashboardPage() {
  const i18n = useI18n();
  const { t, format } = i18n;
  const { name, role } = useCurrentUser();
  const pokja = role === 'admin' || role === 'operator';
  const internal = pokja || role === 'viewer';
  const queues = usePokjaQueues(pokja);
  const programs = useApiQuery((signal) => api.GET('/api/v1/programs', { signal }), []);

  return (
    <>
      <PageHeader title={t('dashboard.welcome', { name })} intro={t('dashboard.intro')} />
      {pokja && (
        <section aria-labelledby="queues-title" className="stack stack-gap">
          <h2 id="queues-title">{t('dashboard.queues')}</h2>
          <ul className="kpis">
            {queues.map((card) => (
              <li key={card.labelKey}>
                <Link to={card.to} className="kpi">
                  <span className="kpi__value" data-testid={card.labelKey}>
                    {card.total === null ? '…' : format.number(card.total)}
                  </span>
                  <span className="kpi__label">{t(card.labelKey)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {internal && <ReportOverview />}
      {internal && (
        <div className="stack-gap">
          <RegionNeedsMap />
        </div>
      )}
      <section className="card" aria-labelledby="programs-title">
        <h2 id="programs-title" className="card__title">
          {t('dashboard.programs')}
        </h2>
        {programs.status === 'loading' && <LoadingState />}
        {programs.status === 'error' && <ErrorState failure={programs.failure} onRetry={programs.reload} />}
        {programs.status === 'success' && programs.data.length === 0 && (
          <EmptyState title={t('dashboard.noPrograms')} />
        )}
        {programs.status === 'success' && programs.data.length > 0 && (
          <DataTable
            caption={t('dashboard.programs')}
            rows={programs.data}
            columns={programColumns(i18n)}
            rowKey={(program) => program.code}
          />
        )}
      </section>
    </>
  );
}
