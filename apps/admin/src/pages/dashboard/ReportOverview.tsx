import { useState } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { CoverageChart } from '../../components/CoverageChart';
import {
  DateRangeControl,
  intervalFor,
  lastDays,
  rangeProblem,
  type DateRange,
} from '../../components/DateRangeControl';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useApiQuery } from '../../hooks/useApiQuery';
import type { MessageKey } from '../../i18n/id';
import { useI18n } from '../../i18n/I18nProvider';
import { DeliveryChart } from './DeliveryChart';

type Summary = Schemas['SummaryResponse'];
/** the chart's period when the page opens: the last 12 weeks */
const DEFAULT_DAYS = 84;

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
  const [range, setRange] = useState<DateRange>(() => lastDays(DEFAULT_DAYS));
  // the last valid range is what the chart shows while the inputs are being edited
  const [asked, setAsked] = useState<DateRange>(range);
  const interval = intervalFor(asked);
  const series = useApiQuery(
    (signal) =>
      api.GET('/api/v1/reports/timeseries', {
        params: { query: { interval, from: asked.from, to: asked.to } },
        signal,
      }),
    [interval, asked.from, asked.to],
  );
  const coverage = useApiQuery(
    (signal) => api.GET('/api/v1/reports/coverage', { params: { query: { level: 'district' } }, signal }),
    [],
  );
  const coverageData =
    coverage.status === 'success' && typeof coverage.data !== 'string' ? coverage.data : null;
  const changeRange = (next: DateRange) => {
    setRange(next);
    if (!rangeProblem(next)) setAsked(next);
  };
  // the reports also answer CSV (a string); this page asks for JSON
  const summaryData = summary.status === 'success' && typeof summary.data !== 'string' ? summary.data : null;
  const seriesData = series.status === 'success' && typeof series.data !== 'string' ? series.data : null;
  const points = seriesData ? seriesData.points : [];
  const active = points.some((point) => point.allocated > 0 || point.delivered > 0);

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
      <h3>{t('chart.flowTitle')}</h3>
      <DateRangeControl value={range} onChange={changeRange} />
      {series.status === 'loading' && <LoadingState />}
      {series.status === 'error' && <ErrorState failure={series.failure} onRetry={series.reload} />}
      {series.status === 'success' && !active && <EmptyState title={t('dashboard.noActivity')} />}
      {series.status === 'success' && active && <DeliveryChart points={points} interval={interval} />}
      <h3>{t('chart.coverageByDistrict')}</h3>
      {coverage.status === 'loading' && <LoadingState />}
      {coverage.status === 'error' && <ErrorState failure={coverage.failure} onRetry={coverage.reload} />}
      {coverageData && coverageData.rows.length === 0 && <EmptyState title={t('reports.coverageEmpty')} />}
      {coverageData && coverageData.rows.length > 0 && (
        <CoverageChart rows={coverageData.rows} title={t('chart.coverageByDistrict')} />
      )}
    </section>
  );
}
