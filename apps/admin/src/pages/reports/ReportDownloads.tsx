import { api } from '../../api/client';
import { valuesOf, type ReportKind } from '../../api/enums';
import { DownloadButton } from '../../components/DownloadButton';
import { useI18n } from '../../i18n/I18nProvider';

type ExportFormat = 'csv' | 'xlsx';
type ReportPath =
  | '/api/v1/reports/summary'
  | '/api/v1/reports/coverage'
  | '/api/v1/reports/collaborators'
  | '/api/v1/reports/timeseries';

const REPORT_PATHS: Record<ReportKind, ReportPath> = {
  summary: '/api/v1/reports/summary',
  coverage: '/api/v1/reports/coverage',
  collaborators: '/api/v1/reports/collaborators',
  timeseries: '/api/v1/reports/timeseries',
};
const FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

/** Every report as CSV or XLSX, with headers in the user's language. */
export function ReportDownloads() {
  const { t, locale } = useI18n();
  return (
    <section className="card stack" aria-labelledby="report-downloads-title">
      <h2 id="report-downloads-title">{t('reports.downloads')}</h2>
      <ul className="download-list">
        {valuesOf(REPORT_PATHS).map((kind) => (
          <li key={kind}>
            <strong>{t(`reportKind.${kind}`)}</strong>
            {FORMATS.map((format) => (
              <DownloadButton
                key={format}
                label={t('reports.downloadAs', {
                  report: t(`reportKind.${kind}`),
                  format: format.toUpperCase(),
                })}
                fileName={`ksbb-${kind}.${format}`}
                testId={`download-${kind}-${format}`}
                load={() =>
                  api.GET(REPORT_PATHS[kind], {
                    params: { query: { format, lang: locale } },
                    parseAs: 'blob',
                  })
                }
              />
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
