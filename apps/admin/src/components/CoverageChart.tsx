import { useId } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { useI18n } from '../i18n/I18nProvider';

type Row = Schemas['CoverageRowDto'];

/** regions drawn (the ones that need the most); the table below the chart has every region */
export const COVERAGE_CHART_ROWS = 12;

/**
 * Coverage (delivered ÷ needed) per region as horizontal bars, drawn with HTML (it reflows at any width without a
 * chart library), the regions that need the most first. Screen readers get a sentence and the list itself (each bar
 * is a list item whose text carries the numbers).
 */
export function CoverageChart({ rows, title }: { rows: Row[]; title: string }) {
  const { t, format } = useI18n();
  const id = useId();
  const shown = [...rows]
    .sort((a, b) => b.quantity - a.quantity || a.name.localeCompare(b.name))
    .slice(0, COVERAGE_CHART_ROWS);
  return (
    <figure className="coverage-chart" aria-labelledby={`${id}-title`} data-testid="coverage-chart">
      <figcaption id={`${id}-title`} className="coverage-chart__title">
        <strong>{title}</strong>{' '}
        <span className="muted">{t('chart.topRegions', { count: format.number(shown.length) })}</span>
      </figcaption>
      <p className="visually-hidden">{t('chart.coverageSummary', { count: format.number(shown.length) })}</p>
      <ul className="coverage-chart__rows">
        {shown.map((row) => {
          const percent = Math.max(0, Math.min(100, row.coveragePercent));
          const claimedPercent =
            row.quantity > 0 ? Math.max(0, Math.min(100, (row.allocated * 100) / row.quantity)) : 0;
          return (
            <li key={row.code} className="coverage-chart__row">
              <span className="coverage-chart__name" title={row.code}>
                {row.name}
              </span>
              <span className="coverage-chart__track" aria-hidden="true">
                <span className="coverage-chart__claimed" style={{ width: `${claimedPercent}%` }} />
                <span className="coverage-chart__bar" style={{ width: `${percent}%` }} />
              </span>
              <span className="coverage-chart__value">
                {format.number(row.coveragePercent)}%
                <span className="visually-hidden">
                  {' '}
                  · {t('reports.delivered')} {format.number(row.delivered)} / {t('reports.quantity')}{' '}
                  {format.number(row.quantity)}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
      <p className="chart__legend">
        <span className="chart__key chart__key--claimed">{t('dashboard.claimed')}</span>
        <span className="chart__key chart__key--delivered">{t('dashboard.delivered')}</span>
      </p>
    </figure>
  );
}
