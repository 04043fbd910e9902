import { useState } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { REPORT_LEVELS, type ReportLevel as Level } from '../../api/enums';
import { CoverageChart } from '../../components/CoverageChart';
import { DataTable } from '../../components/DataTable';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ProgramFilter } from '../../components/ProgramFilter';
import { useI18n } from '../../i18n/I18nProvider';
import { RegionName } from '../../components/RegionName';

type CoverageRow = Schemas['CoverageRowDto'];

/**
 * Coverage by region at a chosen level (down to RW), for one program or all, as a chart of the regions that need the
 * most and the full table; kelurahan and RW rows can be narrowed to one kecamatan.
 */
export function CoverageSection() {
  const { t, format } = useI18n();
  const [level, setLevel] = useState<Level>('city');
  const [program, setProgram] = useState('');
  const [district, setDistrict] = useState('');
  const fine = level === 'village' || level === 'rw';
  const region = fine && district ? district : undefined;
  const coverage = useApiQuery(
    (signal) =>
      api.GET('/api/v1/reports/coverage', {
        params: { query: { level, ...(program ? { program } : {}), ...(region ? { region } : {}) } },
        signal,
      }),
    [level, program, region],
  );
  // the kecamatan with needs, for narrowing the kelurahan and RW rows
  const districts = useApiQuery(
    (signal) => api.GET('/api/v1/reports/coverage', { params: { query: { level: 'district' } }, signal }),
    [],
  );
  const districtRows =
    districts.status === 'success' && typeof districts.data !== 'string' ? districts.data.rows : [];
  const data = coverage.status === 'success' && typeof coverage.data !== 'string' ? coverage.data : null;
  const percent = (value: number) => `${format.number(value)}%`;

  return (
    <section className="card stack" aria-labelledby="coverage-title">
      <h2 id="coverage-title">{t('reports.coverage')}</h2>
      <div className="filters" role="group" aria-label={t('filters.label')}>
        <div className="field">
          <label htmlFor="coverage-level">{t('reports.level')}</label>
          <select
            id="coverage-level"
            value={level}
            onChange={(event) => setLevel(event.target.value as Level)}
          >
            {REPORT_LEVELS.map((option) => (
              <option key={option} value={option}>
                {t(`reportLevel.${option}`)}
              </option>
            ))}
          </select>
        </div>
        {fine && (
          <div className="field">
            <label htmlFor="coverage-district">{t('reports.withinDistrict')}</label>
            <select id="coverage-district" value={district} onChange={(event) => setDistrict(event.target.value)}>
              <option value="">{t('reports.withinAll')}</option>
              {districtRows.map((row) => (
                <option key={row.code} value={row.code}>
                  {row.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <ProgramFilter id="coverage-program" label={t('reports.program')} value={program} onChange={setProgram} />
      </div>
      {coverage.status === 'loading' && <LoadingState />}
      {coverage.status === 'error' && <ErrorState failure={coverage.failure} onRetry={coverage.reload} />}
      {data && data.rows.length === 0 && <EmptyState title={t('reports.coverageEmpty')} />}
      {data && data.rows.length > 0 && (
        <>
          <CoverageChart rows={data.rows} title={t('chart.coverageTitle')} />
          <DataTable<CoverageRow>
            caption={t('reports.coverage')}
            rows={data.rows}
            rowKey={(row) => row.code}
            columns={[
              {
                header: t('reports.region'),
                cell: (row) => (
                  <>
                    <RegionName code={row.code} />
                  </>
                ),
              },
              { header: t('reports.needs'), cell: (row) => format.number(row.needs) },
              { header: t('reports.quantity'), priority: 3, cell: (row) => format.number(row.quantity) },
              { header: t('reports.allocated'), priority: 2, cell: (row) => format.number(row.allocated) },
              { header: t('reports.delivered'), cell: (row) => format.number(row.delivered) },
              { header: t('reports.available'), cell: (row) => format.number(row.available) },
              { header: t('reports.coveragePercent'), cell: (row) => percent(row.coveragePercent) },
            ]}
          />
          <p className="muted" data-testid="coverage-totals">
            {t('reports.total')}: {format.number(data.totals.quantity)} · {t('reports.delivered')}{' '}
            {format.number(data.totals.delivered)} · {percent(data.totals.coveragePercent)}
          </p>
        </>
      )}
    </section>
  );
}
