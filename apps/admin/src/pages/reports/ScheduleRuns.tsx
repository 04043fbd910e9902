import { useState } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { DownloadButton } from '../../components/DownloadButton';
import { PagedTable } from '../../components/PagedTable';
import { StatusBadge, type Tone } from '../../components/StatusBadge';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';

type Schedule = Schemas['ReportScheduleResponse'];
type Run = Schemas['ReportRunResponse'];
const PAGE_SIZE = 10;
const RUN_TONE: Record<Run['status'], Tone> = {
  queued: 'neutral',
  running: 'info',
  succeeded: 'good',
  failed: 'bad',
};

/** The runs of one schedule, newest first, with their file. */
export function ScheduleRuns({ schedule }: { schedule: Schedule }) {
  const { t, format } = useI18n();
  const [page, setPage] = useState(1);
  const runs = useApiQuery(
    (signal) =>
      api.GET('/api/v1/report-runs', {
        params: { query: { scheduleId: schedule.id, page, limit: PAGE_SIZE } },
        signal,
      }),
    [schedule.id, page],
  );
  const title = t('schedules.runsOf', { name: schedule.name });
  return (
    <section className="stack" aria-label={title}>
      <h3>{title}</h3>
      <PagedTable<Run>
        query={runs}
        caption={title}
        emptyTitle={t('runs.empty')}
        onPageChange={setPage}
        rowKey={(run) => run.id}
        columns={[
          { header: t('runs.at'), cell: (run) => format.dateTime(run.scheduledFor ?? run.createdAt) },
          {
            header: t('runs.status'),
            cell: (run) => (
              <>
                <StatusBadge label={t(`runStatus.${run.status}`)} tone={RUN_TONE[run.status]} />
                {run.error && <span className="muted"> {run.error}</span>}
              </>
            ),
          },
          {
            header: t('runs.finished'),
            cell: (run) => (run.finishedAt ? format.dateTime(run.finishedAt) : '—'),
          },
          {
            header: t('runs.size'),
            cell: (run) => (run.sizeBytes === null ? '—' : `${format.number(run.sizeBytes)} B`),
          },
          {
            header: t('runs.file'),
            cell: (run) =>
              run.hasFile ? (
                <DownloadButton
                  label={t('runs.download')}
                  fileName={`${schedule.name}-${run.id.slice(0, 8)}.${run.format}`}
                  load={() =>
                    api.GET('/api/v1/report-runs/{id}/file', {
                      params: { path: { id: run.id } },
                      parseAs: 'blob',
                    })
                  }
                />
              ) : (
                '—'
              ),
          },
        ]}
      />
    </section>
  );
}
