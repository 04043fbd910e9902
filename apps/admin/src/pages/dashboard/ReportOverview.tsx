import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useApiQuery } from '../../hooks/useApiQuery';
import type { MessageKey } from '../../i18n/id';
import { useI18n } from '../../i18n/I18nProvider';
import { DeliveryChart } from './DeliveryChart';

type Summary = Schemas['SummaryResponse'];
/** weeks shown in the chart */
const CHART_POINTS = 12;

function figures(summary: Summary): { key: string; labelKey: MessageKey; value: number; money?: boolean }[] {
  return [
    { key: 'quantity', labelKey: 'publicStats.quantity', value: summary.needs.quantity },
    { key: 'allocated', labelKey: 'publicStats.allocated', value: summary.needs.allocated },
    { key: 'delivered', labelKey: 'publicStats.delivered', value: summary.needs.delivered },
    { key: 'available', labelKey: 'publicStats.available', value: summary.needs.available },
    {
      key: 'beneficiaries',
      labelKey: 'dashboard.beneficiariesReached',
      value: summary.beneficiaries.reached,
    },
    {
      key: 'value',
      labelKey: 'publicStats.committedValue',
      value: summary.commitments.totalValue,
      money: true,
    },
    { key: 'verified', labelKey: 'dashboard.verifiedHandovers', value: summary.handovers.verified },
  ];
}

/** The headline numbers from the summary report and deliveries over time, for Pokja and internal viewers. */
export function ReportOverview() {
  const { t, format } = useI18n();
  const summary = useApiQuery((signal) => api.GET('/api/v1/reports/summary', { signal }), []);
  const series = useApiQuery(
    (signal) => api.GET('/api/v1/reports/timeseries', { params: { query: { interval: 'week' } }, signal }),
    [],
  );
  // the reports also answer CSV (a string); this page asks for JSON
  const summaryData = summary.status === 'success' && typeof summary.data !== 'string' ? summary.data : null;
  const seriesData = series.status === 'success' && typeof series.data !== 'string' ? series.data : null;
  const points = seriesData ? seriesData.points.slice(-CHART_POINTS) : [];

  return (
    <section className="card stack stack-gap" aria-labelledby="summary-title">
      <h2 id="summary-title">{t('dashboard.summary')}</h2>
      {summary.status === 'loading' && <LoadingState />}
      {summary.status === 'error' && <ErrorState failure={summary.failure} onRetry={summary.reload} />}
      {summaryData && (
        <ul className="kpis">
          {figures(summaryData).map((figure) => (
            <li key={figure.key} className="kpi">
              <span className="kpi__value" data-testid={`summary-${figure.key}`}>
                {figure.money ? format.rupiah(figure.value) : format.number(figure.value)}
              </span>
              <span className="kpi__label">{t(figure.labelKey)}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('dashboard.chartTitle')}</h3>
      {series.status === 'loading' && <LoadingState />}
      {series.status === 'error' && <ErrorState failure={series.failure} onRetry={series.reload} />}
      {series.status === 'success' && points.length === 0 && <EmptyState title={t('dashboard.noActivity')} />}
      {series.status === 'success' && points.length > 0 && <DeliveryChart points={points} />}
    </section>
  );
}
