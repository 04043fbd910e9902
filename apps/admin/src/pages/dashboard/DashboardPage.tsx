import type { Schemas } from '@ksbb/api-client';
import { api } from '../api/client';
import { useCurrentUser } from '../auth/current-user';
import { DataTable, type Column } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useApiQuery } from '../hooks/useApiQuery';
import { useI18n, type I18n } from '../i18n/I18nProvider';

type Program = Schemas['ProgramResponse'];

function programColumns({ t, format }: I18n): Column<Program>[] {
  return [
    { header: t('program.name'), cell: (program) => <strong>{program.name}</strong> },
    { header: t('program.code'), cell: (program) => <code>{program.code}</code> },
    {
      header: t('program.status'),
      cell: (program) => (
        <span className={`badge badge--${program.status}`}>{t(`programStatus.${program.status}`)}</span>
      ),
    },
    {
      header: t('program.claimHold'),
      className: 'num',
      cell: (program) => t('program.days', { count: format.number(program.claimHoldDays) }),
    },
    {
      header: t('program.opensAt'),
      cell: (program) => (program.opensAt ? format.date(program.opensAt) : '—'),
    },
  ];
}

export default function DashboardPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { name } = useCurrentUser();
  const programs = useApiQuery((signal) => api.GET('/api/v1/programs', { signal }), []);

  return (
    <>
      <PageHeader title={t('dashboard.welcome', { name })} intro={t('dashboard.intro')} />
      <section className="card" aria-labelledby="programs-title">
        <h2 id="programs-title" className="card__title">
          {t('dashboard.programs')}
        </h2>
        {programs.status === 'loading' && <LoadingState />}
        {programs.status === 'error' && <ErrorState failure={programs.failure} onRetry={programs.reload} />}
        {programs.status === 'success' && programs.data.length === 0 && (
          <EmptyState title={t('dashboard.noPrograms')} />
        )}
        {programs.status === 'success' && programs.data.length > 0 && (
          <DataTable
            caption={t('dashboard.programs')}
            rows={programs.data}
            columns={programColumns(i18n)}
            rowKey={(program) => program.code}
          />
        )}
      </section>
    </>
  );
}
