import { useState } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { DateRangeControl, lastDays, rangeProblem, type DateRange } from '../../components/DateRangeControl';
import { ErrorState, LoadingState } from '../../components/StatusViews';
import { useApiQuery } from '../../hooks/useApiQuery';
import type { MessageKey } from '../../i18n/id';
import { useI18n } from '../../i18n/I18nProvider';

type Summary = Schemas['SummaryResponse'];

function figures(summary: Summary): { key: string; labelKey: MessageKey; value: number; money?: boolean }[] {
  return [
    { key: 'needs', labelKey: 'reports.needs', value: summary.needs.count },
    { key: 'quantity', labelKey: 'reports.quantity', value: summary.needs.quantity },
    { key: 'allocated', labelKey: 'reports.allocated', value: summary.needs.allocated },
    { key: 'delivered', labelKey: 'reports.delivered', value: summary.needs.delivered },
    { key: 'available', labelKey: 'reports.available', value: summary.needs.available },
    { key: 'commitments', labelKey: 'reports.commitments', value: summary.commitments.count },
    {
      key: 'value',
      labelKey: 'reports.committedValue',
      value: summary.commitments.totalValue,
      money: true,
    },
    { key: 'collaborators', labelKey: 'reports.collaborators', value: summary.collaborators.total },
    { key: 'verified', labelKey: 'reports.handoversVerified', value: summary.handovers.verified },
    { key: 'beneficiaries', labelKey: 'reports.beneficiaries', value: summary.beneficiaries.reached },
  ];
}

/** The headline figures of the summary report over a period of WIB days (the last 12 months at first). */
export function SummaryFigures() {
  const { t, format } = useI18n();
  const [range, setRange] = useState<DateRange>(() => lastDays(365));
  const [asked, setAsked] = useState<DateRange>(range);
  const summary = useApiQuery(
    (signal) =>
      api.GET('/api/v1/reports/summary', { params: { query: { from: asked.from, to: asked.to } }, signal }),
    [asked.from, asked.to],
  );
  // the report also answers CSV (a string); this page asks for JSON
  const data = summary.status === 'success' && typeof summary.data !== 'string' ? summary.data : null;
  return (
    <section className="card stack" aria-labelledby="report-summary-title">
      <h2 id="report-summary-title">{t('reports.summary')}</h2>
      <DateRangeControl
        value={range}
        onChange={(next) => {
          setRange(next);
          if (!rangeProblem(next)) setAsked(next);
        }}
      />
      {summary.status === 'loading' && <LoadingState />}
      {summary.status === 'error' && <ErrorState failure={summary.failure} onRetry={summary.reload} />}
      {data && (
        <ul className="kpis">
          {figures(data).map((figure) => (
            <li key={figure.key} className="kpi">
              <span className="kpi__value" data-testid={`report-${figure.key}`}>
                {figure.money ? format.rupiah(figure.value) : format.number(figure.value)}
              </span>
              <span className="kpi__label">{t(figure.labelKey)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
