import { useId } from 'react';
import type { Schemas } from '@ksbb/api-client';
import type { MessageKey } from '../../i18n/id';
import { useI18n } from '../../i18n/I18nProvider';

type Point = Schemas['TimeseriesPointDto'];
const WIDTH = 640;
const HEIGHT = 180;
const PAD = 24;
/** bars never grow wider than this, however few periods there are */
const MAX_BAR = 28;
/** at most this many period labels under the axis (the table has every period) */
const MAX_LABELS = 8;

const INTERVAL_KEYS: Record<'day' | 'week' | 'month', MessageKey> = {
  day: 'chart.perDay',
  week: 'chart.perWeek',
  month: 'chart.perMonth',
};

/**
 * Claimed and delivered units per period as paired bars (an inline SVG: no chart library in the bundle), described
 * in words for screen readers, with the same numbers in a table.
 */
export function DeliveryChart({
  points,
  interval = 'week',
}: {
  points: Point[];
  interval?: 'day' | 'week' | 'month';
}) {
  const { t, format } = useI18n();
  const id = useId();
  const largest = Math.max(1, ...points.map((point) => Math.max(point.allocated, point.delivered)));
  const slot = (WIDTH - PAD * 2) / Math.max(1, points.length);
  const bar = Math.min(MAX_BAR, Math.max(1, slot / 2 - 1));
  const height = (value: number) => ((HEIGHT - PAD * 2) * value) / largest;
  const labelEvery = Math.max(1, Math.ceil(points.length / MAX_LABELS));
  const label = (period: string) =>
    interval === 'month' ? format.date(period).replace(/^\d+\s/, '') : format.date(period).replace(/\s\d{4}$/, '');
  const claimed = points.reduce((sum, point) => sum + point.allocated, 0);
  const delivered = points.reduce((sum, point) => sum + point.delivered, 0);
  const summary =
    points.length > 0
      ? t('chart.flowSummary', {
          claimed: format.number(claimed),
          delivered: format.number(delivered),
          from: format.date(points[0].period),
          to: format.date(points[points.length - 1].period),
          interval: t(INTERVAL_KEYS[interval]),
        })
      : '';
  return (
    <figure className="chart" data-testid="delivery-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-caption`}
        aria-describedby={`${id}-summary`}
        className="chart__svg"
      >
        <line x1={PAD} x2={WIDTH - PAD} y1={HEIGHT - PAD} y2={HEIGHT - PAD} className="chart__axis" />
        {points.map((point, index) => {
          const x = PAD + index * slot;
          return (
            <g key={point.period}>
              <rect
                x={x}
                y={HEIGHT - PAD - height(point.allocated)}
                width={bar}
                height={height(point.allocated)}
                className="chart__bar chart__bar--claimed"
              />
              <rect
                x={x + bar + 1}
                y={HEIGHT - PAD - height(point.delivered)}
                width={bar}
                height={height(point.delivered)}
                className="chart__bar chart__bar--delivered"
              />
              {index % labelEvery === 0 && (
                <text x={x + bar} y={HEIGHT - 6} className="chart__label" textAnchor="middle">
                  {label(point.period)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption id={`${id}-caption`} className="chart__legend">
        <span className="chart__key chart__key--claimed">{t('dashboard.claimed')}</span>
        <span className="chart__key chart__key--delivered">{t('dashboard.delivered')}</span>
        <span className="muted">{t(INTERVAL_KEYS[interval])}</span>
      </figcaption>
      <p id={`${id}-summary`} className="visually-hidden">
        {summary}
      </p>
      <details className="chart__table">
        <summary>{t('chart.showTable')}</summary>
          <table className="data-table">
            <caption className="visually-hidden">{t('dashboard.chartTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('chart.period')}</th>
                <th scope="col" className="num">
                  {t('dashboard.claimed')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.delivered')}
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.period}>
                  <td>{format.date(point.period)}</td>
                  <td className="num">{format.number(point.allocated)}</td>
                  <td className="num">{format.number(point.delivered)}</td>
                </tr>
              ))}
            </tbody>
          </table>
      </details>
    </figure>
  );
}
