import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { ApiFailure } from '../../api/failure';
import { idempotencyKey, ifMatch, mutate } from '../../api/mutate';
import { useBulkAction } from '../../components/bulk/useBulkAction';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toast';
import { useI18n, type I18n } from '../../i18n/I18nProvider';
import { needColumns, NeedsListSection, type Need } from './need-parts';
import { useNeedsList } from './useNeedsList';

type LifecycleAction = 'publish' | 'close' | 'cancel';

function allowedActions(need: Need): LifecycleAction[] {
  switch (need.status) {
    case 'draft':
      return ['publish', 'cancel'];
    case 'open':
    case 'fully_allocated':
      return ['close', 'cancel'];
    default:
      return [];
  }
}

function runAction(need: Need, action: LifecycleAction) {
  const params = {
    path: { id: need.id },
    header: { 'If-Match': ifMatch(need.version), 'Idempotency-Key': idempotencyKey() },
  };
  return mutate(() => api.POST(`/api/v1/needs/{id}/${action}`, { params }));
}

function actionColumn(i18n: I18n, onAction: (need: Need, action: LifecycleAction) => void): Column<Need> {
  const { t } = i18n;
  return {
    header: t('table.actions'),
    cell: (need) => (
      <div className="row-actions">
        <Link className="button button--ghost button--small" to={`/needs/${need.id}/edit`}>
          {t('action.edit')}
          <span className="visually-hidden"> {need.title}</span>
        </Link>
        {allowedActions(need).map((action) => (
          <button
            key={action}
            type="button"
            className={
              action === 'publish'
                ? 'button button--primary button--small'
                : 'button button--ghost button--small'
            }
            onClick={() => onAction(need, action)}
          >
            {t(`needAction.${action}`)}
            <span className="visually-hidden"> {need.title}</span>
          </button>
        ))}
      </div>
    ),
  };
}

/** The title column, a link to the need's detail page. */
function titleLinkColumn(i18n: I18n): Column<Need> {
  const [title] = needColumns(i18n);
  return {
    ...title,
    cell: (need) => (
      <>
        <Link to={`/needs/${need.id}`} className="row-link">
          <strong>{need.title}</strong>
        </Link>
        <div className="muted small">
          {need.program.name} · {need.package.name}
        </div>
      </>
    ),
  };
}

export default function NeedsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const [confirming, setConfirming] = useState<{ need: Need; action: LifecycleAction } | null>(null);
  const list = useNeedsList({ defaultSort: '-createdAt' });
  const { needs } = list;
  const bulk = useBulkAction<Need>({
    rows: needs.status === 'success' ? needs.data.data : [],
    selectable: (need) => need.status === 'draft',
    nameOf: (need) => need.title,
    actions: [
      {
        verb: 'publish',
        run: ({ ids, params }) => api.POST('/api/v1/needs/bulk-publish', { params, body: { ids } }),
      },
    ],
    onChanged: () => needs.reload(),
  });

  async function confirmAction(): Promise<ApiFailure | null> {
    if (!confirming) return null;
    const result = await runAction(confirming.need, confirming.action);
    if (!result.ok) return result.failure;
    const done = { publish: 'needAction.published', close: 'needAction.closed', cancel: 'needAction.cancelled' } as const;
    toast.show(t(done[confirming.action], { title: confirming.need.title }));
    needs.reload();
    return null;
  }

  const columns = [
    bulk.column,
    titleLinkColumn(i18n),
    ...needColumns(i18n).slice(1),
    actionColumn(i18n, (need, action) => setConfirming({ need, action })),
  ];

  return (
    <>
      <PageHeader title={t('needs.pageTitle')} intro={t('needs.intro')}>
        <div className="page-header__actions">
          <Link className="button button--secondary" to="/needs/import">
            {t('needImport.title')}
          </Link>
          <Link className="button button--primary" to="/needs/new">
            {t('needForm.newTitle')}
          </Link>
        </div>
      </PageHeader>
      <NeedsListSection
        list={list}
        i18n={i18n}
        withStatus
        caption={t('needs.pageTitle')}
        columns={columns}
        emptyTitle={t('needs.empty')}
        countLocated
        aboveTable={bulk.bar}
      />
      {bulk.dialog}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? t(`needAction.${confirming.action}Title`) : ''}
        body={confirming ? t(`needAction.${confirming.action}Body`, { title: confirming.need.title }) : ''}
        confirmLabel={confirming ? t(`needAction.${confirming.action}`) : ''}
        danger={confirming?.action !== 'publish'}
        onConfirm={confirmAction}
        onClose={() => setConfirming(null)}
      />
    </>
  );
}
