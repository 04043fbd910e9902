import type { Schemas } from '@ksbb/api-client';
import { useI18n } from '../../i18n/I18nProvider';

type Point = Schemas['TimeseriesPointDto'];
const WIDTH = 640;
const HEIGHT = 180;
const PAD = 24;
/** bars never grow wider than this, however few periods there are */
const MAX_BAR = 28;

/**
 * Claimed and delivered units per period as paired bars (an inline SVG: no chart library in the bundle), with the
 * same numbers in a table for screen readers.
 */
export function DeliveryChart({ points }: { points: Point[] }) {
  const { t, format } = useI18n();
  const largest = Math.max(1, ...points.map((point) => Math.max(point.allocated, point.delivered)));
  const slot = (WIDTH - PAD * 2) / Math.max(1, points.length);
  const bar = Math.min(MAX_BAR, Math.max(2, slot / 2 - 2));
  const height = (value: number) => ((HEIGHT - PAD * 2) * value) / largest;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="chart-caption"
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
              <text x={x + bar} y={HEIGHT - 6} className="chart__label" textAnchor="middle">
                {format.date(point.period).replace(/\s\d{4}$/, '')}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption id="chart-caption" className="chart__legend">
        <span className="chart__key chart__key--claimed">{t('dashboard.claimed')}</span>
        <span className="chart__key chart__key--delivered">{t('dashboard.delivered')}</span>
        <span className="muted">{t('dashboard.perWeek')}</span>
      </figcaption>
      <table className="visually-hidden">
        <caption>{t('dashboard.chartTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.period')}</th>
            <th scope="col">{t('dashboard.claimed')}</th>
            <th scope="col">{t('dashboard.delivered')}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point) => (
            <tr key={point.period}>
              <td>{format.date(point.period)}</td>
              <td>{format.number(point.allocated)}</td>
              <td>{format.number(point.delivered)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
