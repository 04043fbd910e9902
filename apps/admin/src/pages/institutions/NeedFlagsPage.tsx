import { useState } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { failureText } from '../../api/failure';
import { idempotencyKey, mutate } from '../../api/mutate';
import { useCurrentUser } from '../../auth/current-user';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useToast } from '../../components/Toast';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from 'react-router';
import { needPath } from '../../navigation';

type Flag = Schemas['NeedFlagResponse'];

/**
 * Flags on needs: operators see every flag and resolve it with what was done; a kelurahan officer sees the flags of
 * their own kelurahan (flags are raised from a need, by the officer).
 */
export default function NeedFlagsPage() {
  const { t, format } = useI18n();
  const { role } = useCurrentUser();
  const toast = useToast();
  const staff = role === 'admin' || role === 'operator';
  const [onlyOpen, setOnlyOpen] = useState(true);
  const list = useApiQuery(
    (signal) =>
      api.GET('/api/v1/need-flags', { params: { query: { limit: 50, ...(onlyOpen ? { status: 'open' as const } : {}) } }, signal }),
    [onlyOpen],
  );
  const [resolutions, setResolutions] = useState<Record<string, string>>({});

  async function resolve(flag: Flag) {
    const resolution = (resolutions[flag.id] ?? '').trim();
    if (!resolution) return;
    const res = await mutate(() =>
      api.POST('/api/v1/need-flags/{id}/resolve', {
        params: { path: { id: flag.id }, header: { 'Idempotency-Key': idempotencyKey() } },
        body: { resolution },
      }),
    );
    if (!res.ok) {
      toast.show(failureText(res.failure, t), 'error');
      return;
    }
    toast.show(t('needFlags.resolved'), 'success');
    list.reload();
  }

  return (
    <>
      <PageHeader title={t('needFlags.title')} intro={t('needFlags.intro')} />
      <section className="card stack">
        <label className="checkbox">
          <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} />
          {t('needFlags.onlyOpen')}
        </label>
        {list.status === 'loading' && <LoadingState />}
        {list.status === 'error' && <ErrorState failure={list.failure} onRetry={list.reload} />}
        {list.status === 'success' && list.data.data.length === 0 && <EmptyState title={t('needFlags.empty')} />}
        {list.status === 'success' && list.data.data.length > 0 && (
          <DataTable
            caption={t('needFlags.title')}
            rows={list.data.data}
            rowKey={(f) => f.id}
            columns={[
              {
                header: t('needFlags.need'),
                card: 'title',
                cell: (f) => {
                  const to = needPath(role, f.needId);
                  return to ? <Link to={to}>{f.needTitle}</Link> : f.needTitle;
                },
              },
              { header: t('needFlags.reason'), cell: (f) => f.reason },
              { header: t('needFlags.by'), cell: (f) => f.flaggedByName },
              { header: t('needFlags.when'), cell: (f) => format.dateTime(f.createdAt) },
              {
                header: t('needFlags.status'),
                cell: (f) => (f.status === 'resolved' && f.resolution ? `${t(`needFlagStatus.${f.status}`)}: ${f.resolution}` : t(`needFlagStatus.${f.status}`)),
              },
              ...(staff
                ? [
                    {
                      header: t('needFlags.resolve'),
                      card: 'actions' as const,
                      cell: (f: Flag) =>
                        f.status === 'open' ? (
                          <div className="inline-form">
                            <label className="visually-hidden" htmlFor={`resolution-${f.id}`}>
                              {t('needFlags.resolution')}
                            </label>
                            <input
                              id={`resolution-${f.id}`}
                              maxLength={2000}
                              placeholder={t('needFlags.resolution')}
                              value={resolutions[f.id] ?? ''}
                              onChange={(e) => setResolutions({ ...resolutions, [f.id]: e.target.value })}
                            />
                            <button className="button" type="button" onClick={() => void resolve(f)}>
                              {t('needFlags.resolve')}
                            </button>
                          </div>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        )}
      </section>
    </>
  );
}
