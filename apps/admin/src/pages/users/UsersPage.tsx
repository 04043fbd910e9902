import { useState } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { isRole } from '../../auth/session-store';
import { DataTable, type Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { Pagination } from '../../components/Pagination';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useApiQuery } from '../../hooks/useApiQuery';
import { usePageParam } from '../../hooks/usePageParam';
import { useI18n, type I18n } from '../../i18n/I18nProvider';
import { CreateUserDialog, EditUserDialog } from './UserDialogs';

type User = Schemas['UserResponse'];
const PAGE_SIZE = 20;

function userColumns({ t, format }: I18n, onEdit: (user: User) => void): Column<User>[] {
  return [
    { header: t('users.name'), cell: (user) => <strong>{user.name}</strong> },
    { header: t('users.email'), truncate: true, cell: (user) => user.email },
    { header: t('users.role'), cell: (user) => (isRole(user.role) ? t(`role.${user.role}`) : user.role) },
    {
      header: t('users.status'),
      cell: (user) =>
        user.active ? (
          <span className="badge badge--open">{t('users.active')}</span>
        ) : (
          <span className="badge badge--closed">{t('users.inactive')}</span>
        ),
    },
    {
      header: t('users.lastLogin'),
      priority: 3,
      cell: (user) => (user.lastLoginAt ? format.dateTime(user.lastLoginAt) : t('users.never')),
    },
    {
      header: t('table.actions'),
      cell: (user) => (
        <button type="button" className="button button--secondary button--small" onClick={() => onEdit(user)}>
          {t('action.edit')}
          <span className="visually-hidden"> {user.name}</span>
        </button>
      ),
    },
  ];
}

export default function UsersPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [page, setPage] = usePageParam();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const users = useApiQuery(
    (signal) => api.GET('/api/v1/users', { params: { query: { page, limit: PAGE_SIZE } }, signal }),
    [page],
  );

  return (
    <>
      <PageHeader title={t('users.title')} intro={t('users.intro')}>
        <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
          {t('users.create')}
        </button>
      </PageHeader>
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} onCreated={users.reload} />
      {editing && (
        <EditUserDialog
          key={`${editing.id}:${editing.version}`}
          user={editing}
          onClose={() => setEditing(null)}
          onSaved={users.reload}
        />
      )}
      <section className="card">
        {users.status === 'loading' && <LoadingState />}
        {users.status === 'error' && <ErrorState failure={users.failure} onRetry={users.reload} />}
        {users.status === 'success' && users.data.data.length === 0 && (
          <EmptyState title={t('users.empty')} />
        )}
        {users.status === 'success' && users.data.data.length > 0 && (
          <>
            <DataTable
              caption={t('users.title')}
              rows={users.data.data}
              columns={userColumns(i18n, setEditing)}
              rowKey={(user) => user.id}
            />
            <Pagination
              page={users.data.meta.page}
              limit={users.data.meta.limit}
              total={users.data.meta.total}
              onPageChange={setPage}
            />
          </>
        )}
      </section>
    </>
  );
}
