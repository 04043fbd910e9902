import { useState } from 'react';
import { api } from '../api/client';
import { DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useApiQuery } from '../hooks/useApiQuery';
import { usePackages } from '../hooks/usePrograms';
import { useI18n } from '../i18n/I18nProvider';
import { programColumns } from './program-columns';

/** The programs and, for the chosen one, its packages with their unit value ranges. */
export default function ProgramsPage() {
  const i18n = useI18n();
  const { t, format } = i18n;
  const programs = useApiQuery((signal) => api.GET('/api/v1/programs', { signal }), []);
  const [chosen, setChosen] = useState('');
  const packages = usePackages(chosen);

  return (
    <>
      <PageHeader title={t('programs.title')} intro={t('programs.intro')} />
      <div className="stack">
        <section className="card">
          {programs.status === 'loading' && <LoadingState />}
          {programs.status === 'error' && <ErrorState failure={programs.failure} onRetry={programs.reload} />}
          {programs.status === 'success' && programs.data.length === 0 && (
            <EmptyState title={t('dashboard.noPrograms')} />
          )}
          {programs.status === 'success' && programs.data.length > 0 && (
            <DataTable
              caption={t('programs.title')}
              rows={programs.data}
              columns={programColumns(i18n)}
              rowKey={(p) => p.code}
            />
          )}
        </section>
        <section className="card stack" aria-labelledby="packages-title">
          <h2 id="packages-title">{t('programs.packages')}</h2>
          <div className="field">
            <label htmlFor="packages-program">{t('needs.program')}</label>
            <select id="packages-program" value={chosen} onChange={(event) => setChosen(event.target.value)}>
              <option value="">{t('form.choose')}</option>
              {programs.status === 'success' &&
                programs.data.map((program) => (
                  <option key={program.code} value={program.code}>
                    {program.name}
                  </option>
                ))}
            </select>
          </div>
          {chosen && packages.length > 0 && (
            <DataTable
              caption={t('programs.packages')}
              rows={packages}
              rowKey={(pkg) => pkg.id}
              columns={[
                { header: t('program.name'), cell: (pkg) => pkg.name },
                { header: t('program.code'), cell: (pkg) => <code>{pkg.code}</code> },
                { header: t('programs.unit'), cell: (pkg) => pkg.unit },
                {
                  header: t('programs.unitValue'),
                  className: 'num',
                  cell: (pkg) =>
                    pkg.unitValueMax > 0
                      ? `${format.rupiah(pkg.unitValueMin)} – ${format.rupiah(pkg.unitValueMax)}`
                      : '—',
                },
              ]}
            />
          )}
        </section>
      </div>
    </>
  );
}
