import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { failureText } from '../../api/failure';
import { idempotencyKey, mutate } from '../../api/mutate';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { Pagination } from '../../components/Pagination';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useToast } from '../../components/Toast';
import { useApiQuery } from '../../hooks/useApiQuery';
import { usePageParam } from '../../hooks/usePageParam';
import { notificationPath } from '../../inbox/notification-link';
import { lowerUnread, refreshUnread } from '../../inbox/unread-count';
import { useI18n } from '../../i18n/I18nProvider';
import '../home/home.css';

type Notification = Schemas['InAppNotificationResponse'];
const LIMIT = 20;

/** The signed-in user's notifications, newest first, in WIB: mark one or all read, open the object each is about. */
export default function InboxPage() {
  const { t, format } = useI18n();
  const toast = useToast();
  const { role } = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === '1';
  const [page, setPage] = usePageParam();
  const [busy, setBusy] = useState(false);
  const list = useApiQuery(
    (signal) =>
      api.GET('/api/v1/me/notifications', {
        params: { query: { page, limit: LIMIT, ...(unreadOnly ? { unread: true } : {}) } },
        signal,
      }),
    [page, unreadOnly],
  );

  function showUnread(only: boolean) {
    setParams(only ? { unread: '1' } : {});
  }

  async function markRead(n: Notification) {
    setBusy(true);
    const result = await mutate(() =>
      api.POST('/api/v1/me/notifications/{id}/read', {
        params: { path: { id: n.id }, header: { 'Idempotency-Key': idempotencyKey() } },
      }),
    );
    setBusy(false);
    if (!result.ok) return toast.show(failureText(result.failure, t), 'error');
    lowerUnread(1);
    void refreshUnread();
    list.reload();
  }

  async function markAllRead() {
    setBusy(true);
    const result = await mutate(() =>
      api.POST('/api/v1/me/notifications/read-all', {
        params: { header: { 'Idempotency-Key': idempotencyKey() } },
      }),
    );
    setBusy(false);
    if (!result.ok) return toast.show(failureText(result.failure, t), 'error');
    lowerUnread(result.data.updated);
    void refreshUnread();
    toast.show(t('inbox.markedAll', { count: format.number(result.data.updated) }), 'success');
    list.reload();
  }

  return (
    <>
      <PageHeader title={t('inbox.title')} intro={t('inbox.intro')}>
        <button type="button" className="button button--secondary" onClick={markAllRead} disabled={busy}>
          {t('inbox.markAllRead')}
        </button>
      </PageHeader>
      <div className="inbox-filter" role="group" aria-label={t('inbox.filter')}>
        <button
          type="button"
          className={unreadOnly ? 'button button--ghost' : 'button button--secondary'}
          aria-pressed={!unreadOnly}
          onClick={() => showUnread(false)}
        >
          {t('inbox.all')}
        </button>
        <button
          type="button"
          className={unreadOnly ? 'button button--secondary' : 'button button--ghost'}
          aria-pressed={unreadOnly}
          onClick={() => showUnread(true)}
        >
          {t('inbox.unread')}
        </button>
      </div>
      {list.status === 'loading' && <LoadingState />}
      {list.status === 'error' && <ErrorState failure={list.failure} onRetry={list.reload} />}
      {list.status === 'success' && list.data.data.length === 0 && (
        <EmptyState title={unreadOnly ? t('inbox.emptyUnread') : t('inbox.empty')} />
      )}
      {list.status === 'success' && list.data.data.length > 0 && (
        <>
          <ul className="inbox" aria-label={t('inbox.title')}>
            {list.data.data.map((n) => {
              const to = notificationPath(n.data, role);
              return (
                <li key={n.id} className={n.readAt ? 'inbox__item' : 'inbox__item inbox__item--unread'}>
                  <div className="inbox__text">
                    <p className="inbox__title">
                      {!n.readAt && <span className="badge badge--accent">{t('inbox.newBadge')}</span>}{' '}
                      <strong>{n.title}</strong>
                    </p>
                    {n.body && <p className="inbox__body">{n.body}</p>}
                    <p className="muted small">
                      <time dateTime={n.createdAt}>{format.dateTime(n.createdAt)}</time>
                      {n.readAt && <> · {t('inbox.readAt', { date: format.dateTime(n.readAt) })}</>}
                    </p>
                  </div>
                  <div className="inbox__actions">
                    {to && (
                      <Link
                        className="button button--secondary button--small"
                        to={to}
                        aria-label={t('inbox.openNamed', { title: n.title })}
                      >
                        {t('inbox.open')}
                      </Link>
                    )}
                    {!n.readAt && (
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        onClick={() => markRead(n)}
                        disabled={busy}
                        aria-label={t('inbox.markReadNamed', { title: n.title })}
                      >
                        {t('inbox.markRead')}
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
          <Pagination page={page} limit={LIMIT} total={list.data.meta.total} onPageChange={setPage} />
        </>
      )}
    </>
  );
}
