import { useState } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorState, LoadingState } from '../../components/StatusViews';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ProgramFilter } from '../../components/ProgramFilter';
import { useI18n } from '../../i18n/I18nProvider';

type Row = Schemas['TargetReportRowResponse'];

/**
 * Coverage and delivery by target kind (schools, MSMEs, vendor sites): on record, targeted, reached, and the units of
 * their needs; for one program or all, with the CSV and XLSX downloads of the same figures.
 */
export function ByTargetSection() {
  const { t, format, locale } = useI18n();
  const [program, setProgram] = useState('');
  const report = useApiQuery(
    (signal) => api.GET('/api/v1/reports/by-target', { params: { query: program ? { program } : {} }, signal }),
    [program],
  );
  // the report also answers CSV (a string); this section asks for JSON
  const data = report.status === 'success' && typeof report.data !== 'string' ? report.data : null;
  const n = (value: number) => format.number(value);
  return (
    <section className="card stack" aria-labelledby="by-target-title">
      <h2 id="by-target-title">{t('reportTarget.title')}</h2>
      <p className="muted">{t('reportTarget.intro')}</p>
      <div className="filters" role="group" aria-label={t('filters.label')}>
        <ProgramFilter id="by-target-program" label={t('reportTarget.program')} value={program} onChange={setProgram} />
      </div>
      {report.status === 'loading' && <LoadingState />}
      {report.status === 'error' && <ErrorState failure={report.failure} onRetry={report.reload} />}
      {data && (
        <div data-testid="by-target">
          <DataTable<Row>
            caption={t('reportTarget.title')}
            rows={data.rows}
            rowKey={(row) => row.kind}
            columns={[
              { header: t('reportTarget.kind'), card: 'title', cell: (row) => t(`institutionKind.${row.kind}`) },
              { header: t('reportTarget.registered'), className: 'num', cell: (row) => n(row.registered) },
              { header: t('reportTarget.targeted'), className: 'num', cell: (row) => n(row.targeted) },
              { header: t('reportTarget.reached'), className: 'num', cell: (row) => n(row.reached) },
              { header: t('reportTarget.needs'), className: 'num', cell: (row) => n(row.needs), priority: 2 },
              { header: t('reportTarget.quantity'), className: 'num', cell: (row) => n(row.quantity), priority: 2 },
              { header: t('reportTarget.allocated'), className: 'num', cell: (row) => n(row.allocated), priority: 3 },
              { header: t('reportTarget.delivered'), className: 'num', cell: (row) => n(row.delivered) },
            ]}
          />
        </div>
      )}
      <div className="detail-actions">
        {(['csv', 'xlsx'] as const).map((fileFormat) => (
          <DownloadButton
            key={fileFormat}
            label={t('reportTarget.download', { format: fileFormat.toUpperCase() })}
            fileName={`ksbb-by-target${program ? `-${program}` : ''}.${fileFormat}`}
            testId={`download-by-target-${fileFormat}`}
            load={() =>
              api.GET('/api/v1/reports/by-target', {
                params: { query: { format: fileFormat, lang: locale, ...(program ? { program } : {}) } },
                parseAs: 'blob',
              })
            }
          />
        ))}
      </div>
    </section>
  );
}
