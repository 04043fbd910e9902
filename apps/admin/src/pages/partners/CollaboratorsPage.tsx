import { useEffect, useState, type FormEvent } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { COLLABORATOR_TYPES, type CollaboratorStatus, type CollaboratorType } from '../../api/enums';
import type { ApiFailure } from '../../api/failure';
import { idempotencyKey, ifMatch, mutate } from '../../api/mutate';
import { useBulkAction } from '../../components/bulk/useBulkAction';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { PagedTable } from '../../components/PagedTable';
import { ReasonDialog } from '../../components/ReasonDialog';
import { StatusBadge } from '../../components/StatusBadge';
import { StatusFilter } from '../../components/StatusFilter';
import { COLLABORATOR_STATUSES, COLLABORATOR_TONE } from '../../components/status-tones';
import { useToast } from '../../components/Toast';
import { useApiQuery } from '../../hooks/useApiQuery';
import { listQuery, useListPage } from '../../hooks/useListPage';
import { useI18n, type I18n } from '../../i18n/I18nProvider';

type Collaborator = Schemas['CollaboratorResponse'];
type Decision = 'reject' | 'suspend';
const PAGE_SIZE = 20;
/** `status` sorts pending before rejected, suspended and verified: the queue comes first */
const DEFAULT_SORT = 'status';

function decisionsFor(status: CollaboratorStatus): ('verify' | Decision)[] {
  if (status === 'pending') return ['verify', 'reject'];
  if (status === 'verified') return ['suspend'];
  return ['verify'];
}

function columns(
  i18n: I18n,
  act: (row: Collaborator, decision: 'verify' | Decision) => void,
  selectColumn: Column<Collaborator>,
): Column<Collaborator>[] {
  const { t, format } = i18n;
  return [
    selectColumn,
    {
      header: t('collaborators.name'),
      sortKey: 'name',
      cell: (row) => (
        <>
          <Link to={`/collaborators/${row.id}`} className="row-link">
            <strong>{row.name}</strong>
          </Link>
          <div className="muted small">{row.picName ?? ''}</div>
          {row.lookAlikes && row.lookAlikes.length > 0 && (
            <div className="notice notice--warning small look-alikes" role="note">
              {t('collaborators.lookAlike')}{' '}
              {row.lookAlikes.map((l) => `${l.name} (${t(`lookAlikeKind.${l.kind}`)})`).join(', ')}
            </div>
          )}
        </>
      ),
    },
    { header: t('collaborators.type'), sortKey: 'type', cell: (row) => t(`collaboratorType.${row.type}`) },
    {
      header: t('collaborators.contact'),
      priority: 3,
      cell: (row) => (
        <>
          {row.email ?? '—'}
          <div className="muted small">{row.phone ?? ''}</div>
        </>
      ),
    },
    {
      header: t('collaborators.registered'),
      priority: 2,
      sortKey: 'createdAt',
      cell: (row) => format.date(row.createdAt),
    },
    {
      header: t('collaborators.status'),
      sortKey: 'status',
      cell: (row) => (
        <>
          <StatusBadge label={t(`collaboratorStatus.${row.status}`)} tone={COLLABORATOR_TONE[row.status]} />
          {row.statusReason && <div className="muted small">{row.statusReason}</div>}
        </>
      ),
    },
    {
      header: t('table.actions'),
      cell: (row) => (
        <div className="row-actions">
          {decisionsFor(row.status).map((decision) => (
            <button
              key={decision}
              type="button"
              className={
                decision === 'verify'
                  ? 'button button--primary button--small'
                  : 'button button--ghost button--small'
              }
              onClick={() => act(row, decision)}
            >
              {t(`collaboratorAction.${decision}`)}
              <span className="visually-hidden"> {row.name}</span>
            </button>
          ))}
          <Link
            className="button button--ghost button--small"
            to={`/audit?entity=collaborator&entityId=${row.id}`}
            aria-label={t('audit.historyOf', { name: row.name })}
          >
            {t('audit.history')}
          </Link>
        </div>
      ),
    },
  ];
}

export default function CollaboratorsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const listPage = useListPage<CollaboratorStatus>({ defaultSort: DEFAULT_SORT });
  const { params, page, setPage, sort, setSort, status, setStatus } = listPage;
  const [deciding, setDeciding] = useState<{ row: Collaborator; decision: Decision } | null>(null);
  const [verifying, setVerifying] = useState<Collaborator | null>(null);
  const type = params.get('type') as CollaboratorType | '';
  const q = params.get('q');
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);

  const list = useApiQuery(
    (signal) =>
      api.GET('/api/v1/collaborators', {
        params: { query: { ...listQuery(listPage, PAGE_SIZE), type: type || undefined, q: q || undefined } },
        signal,
      }),
    [page, sort, status, type, q],
  );

  async function decide(
    row: Collaborator,
    decision: 'verify' | Decision,
    reason?: string,
  ): Promise<ApiFailure | null> {
    const params = {
      path: { id: row.id },
      header: { 'If-Match': ifMatch(row.version), 'Idempotency-Key': idempotencyKey() },
    };
    const result =
      decision === 'verify'
        ? await mutate(() => api.POST('/api/v1/collaborators/{id}/verify', { params }))
        : await mutate(() =>
            api.POST(`/api/v1/collaborators/{id}/${decision}`, { params, body: { reason: reason ?? '' } }),
          );
    if (!result.ok) return result.failure;
    toast.show(t(`collaboratorAction.${decision}Done`, { name: row.name }));
    list.reload();
    return null;
  }

  function act(row: Collaborator, decision: 'verify' | Decision) {
    if (decision === 'verify') setVerifying(row);
    else setDeciding({ row, decision });
  }

  const bulk = useBulkAction<Collaborator>({
    rows: list.status === 'success' ? list.data.data : [],
    nameOf: (row) => row.name,
    actions: [
      {
        verb: 'verify',
        run: ({ ids, params }) => api.POST('/api/v1/collaborators/bulk-verify', { params, body: { ids } }),
      },
      {
        verb: 'reject',
        danger: true,
        withReason: true,
        run: ({ ids, reason, params }) =>
          api.POST('/api/v1/collaborators/bulk-reject', { params, body: { ids, reason } }),
      },
    ],
    onChanged: () => list.reload(),
  });

  function applySearch(event: FormEvent) {
    event.preventDefault();
    params.set({ q: search.trim() });
  }

  return (
    <>
      <PageHeader title={t('collaborators.title')} intro={t('collaborators.intro')} />
      <section className="card">
        <form className="filters" role="search" aria-label={t('filters.label')} onSubmit={applySearch}>
          <StatusFilter
            id="collaborator-status"
            label={t('collaborators.status')}
            options={COLLABORATOR_STATUSES}
            labelOf={(option) => t(`collaboratorStatus.${option}`)}
            value={status}
            onChange={setStatus}
          />
          <StatusFilter
            id="collaborator-type"
            label={t('collaborators.type')}
            options={COLLABORATOR_TYPES}
            labelOf={(option) => t(`collaboratorType.${option}`)}
            value={type}
            onChange={(next) => params.set({ type: next })}
          />
          <div className="field filters__grow">
            <label htmlFor="collaborator-q">{t('filters.search')}</label>
            <input
              id="collaborator-q"
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          </div>
          <button type="submit" className="button button--secondary filters__submit">
            {t('filters.apply')}
          </button>
        </form>
        {bulk.bar}
        <PagedTable
          query={list}
          caption={t('collaborators.title')}
          columns={columns(i18n, act, bulk.column)}
          rowKey={(row) => row.id}
          emptyTitle={t('collaborators.empty')}
          onPageChange={setPage}
          sort={sort}
          onSortChange={setSort}
        />
      </section>
      <ReasonDialog
        open={deciding !== null}
        title={deciding ? t(`collaboratorAction.${deciding.decision}Title`, { name: deciding.row.name }) : ''}
        intro={deciding ? t(`collaboratorAction.${deciding.decision}Intro`) : undefined}
        confirmLabel={deciding ? t(`collaboratorAction.${deciding.decision}`) : ''}
        onConfirm={(reason) =>
          deciding ? decide(deciding.row, deciding.decision, reason) : Promise.resolve(null)
        }
        onClose={() => setDeciding(null)}
      />
      <ConfirmDialog
        open={verifying !== null}
        title={verifying ? t('collaboratorAction.verifyTitle', { name: verifying.name }) : ''}
        body={t('collaboratorAction.verifyBody')}
        confirmLabel={t('collaboratorAction.verify')}
        onConfirm={() => (verifying ? decide(verifying, 'verify') : Promise.resolve(null))}
        onClose={() => setVerifying(null)}
      />
      {bulk.dialog}
    </>
  );
}
