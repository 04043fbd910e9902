import { useState } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import type { ApiFailure } from '../../api/failure';
import { mutate } from '../../api/mutate';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PagedTable } from '../../components/PagedTable';
import { useToast } from '../../components/Toast';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { ScheduleForm, useCronInWords } from './ScheduleForm';
import { ScheduleRuns } from './ScheduleRuns';

type Schedule = Schemas['ReportScheduleResponse'];
const PAGE_SIZE = 20;

/** The report schedules: the Pokja creates and deletes them; everyone internal reads them and their runs. */
export function ReportSchedules({ mayManage }: { mayManage: boolean }) {
  const { t } = useI18n();
  const toast = useToast();
  const inWords = useCronInWords();
  const [page, setPage] = useState(1);
  const [deleting, setDeleting] = useState<Schedule | null>(null);
  const [showingRuns, setShowingRuns] = useState<Schedule | null>(null);
  const schedules = useApiQuery(
    (signal) =>
      api.GET('/api/v1/report-schedules', { params: { query: { page, limit: PAGE_SIZE } }, signal }),
    [page],
  );

  async function remove(): Promise<ApiFailure | null> {
    if (!deleting) return null;
    const result = await mutate(() =>
      api.DELETE('/api/v1/report-schedules/{id}', { params: { path: { id: deleting.id } } }),
    );
    if (!result.ok) return result.failure;
    toast.show(t('schedules.deleted', { name: deleting.name }));
    if (showingRuns?.id === deleting.id) setShowingRuns(null);
    schedules.reload();
    return null;
  }

  return (
    <section className="card stack" aria-labelledby="schedules-title">
      <h2 id="schedules-title">{t('schedules.title')}</h2>
      <p className="muted">{t('schedules.intro')}</p>
      {mayManage && <ScheduleForm onCreated={schedules.reload} />}
      <PagedTable<Schedule>
        query={schedules}
        caption={t('schedules.title')}
        emptyTitle={t('schedules.empty')}
        onPageChange={setPage}
        rowKey={(schedule) => schedule.id}
        columns={[
          { header: t('schedules.name'), cell: (schedule) => <strong>{schedule.name}</strong> },
          {
            header: t('schedules.when'),
            cell: (schedule) => (
              <>
                {inWords(schedule.cron)}
                <br />
                <code className="muted">{schedule.cron}</code>
              </>
            ),
          },
          {
            header: t('schedules.report'),
            cell: (schedule) => `${t(`reportKind.${schedule.report}`)} · ${schedule.format.toUpperCase()}`,
          },
          { header: t('schedules.recipients'), cell: (schedule) => schedule.recipients.join(', ') },
          {
            header: t('table.actions'),
            cell: (schedule) => (
              <div className="row-actions">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-pressed={showingRuns?.id === schedule.id}
                  onClick={() => setShowingRuns(showingRuns?.id === schedule.id ? null : schedule)}
                >
                  {t('schedules.showRuns')}
                  <span className="visually-hidden"> {schedule.name}</span>
                </button>
                {mayManage && (
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    onClick={() => setDeleting(schedule)}
                  >
                    {t('schedules.delete')}
                    <span className="visually-hidden"> {schedule.name}</span>
                  </button>
                )}
              </div>
            ),
          },
        ]}
      />
      {showingRuns && <ScheduleRuns key={showingRuns.id} schedule={showingRuns} />}
      <ConfirmDialog
        open={deleting !== null}
        title={t('schedules.deleteTitle')}
        body={deleting ? t('schedules.deleteBody', { name: deleting.name }) : ''}
        confirmLabel={t('schedules.delete')}
        danger
        onConfirm={remove}
        onClose={() => setDeleting(null)}
      />
    </section>
  );
}
