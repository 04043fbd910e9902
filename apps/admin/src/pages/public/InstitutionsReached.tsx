import { api } from '../../api/client';
import { ErrorState, LoadingState } from '../../components/StatusViews';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * How many schools, MSMEs and vendor sites aid reached, of those needs target: counts per kind only (the public
 * endpoint names no institution, and no person).
 */
export function InstitutionsReached() {
  const { t, format } = useI18n();
  const reached = useApiQuery((signal) => api.GET('/api/v1/public/institutions-reached', { signal }), []);
  return (
    <section aria-labelledby="public-reach-title" className="stack">
      <h2 id="public-reach-title">{t('publicReach.title')}</h2>
      <p>{t('publicReach.intro')}</p>
      {reached.status === 'loading' && <LoadingState />}
      {reached.status === 'error' && <ErrorState failure={reached.failure} onRetry={reached.reload} />}
      {reached.status === 'success' && (
        <ul className="kpis" data-testid="public-reached">
          {reached.data.data.map((row) => (
            <li key={row.kind} className="kpi">
              <span className="kpi__value" data-testid={`public-reached-${row.kind}`}>
                {format.number(row.delivered)}
              </span>
              <span className="kpi__label">{t(`publicReach.${row.kind}`)}</span>
              <span className="kpi__label" data-testid={`public-targeted-${row.kind}`}>
                {t('publicReach.targeted', { count: format.number(row.targeted) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
