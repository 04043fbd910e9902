import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toast';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { needColumns, NeedsListSection, type Need } from '../needs/need-parts';
import { useNeedsList } from '../needs/useNeedsList';
import { ClaimDialog, commitmentsFor } from './ClaimDialog';

/** Open needs to choose from (list or map) and claim against an approved commitment. */
export default function OpenNeedsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const [claiming, setClaiming] = useState<Need | null>(null);
  const list = useNeedsList({ defaultSort: '-availableQuantity', status: 'open' });
  const approved = useApiQuery(
    (signal) =>
      api.GET('/api/v1/commitments', { params: { query: { status: 'approved', limit: 100 } }, signal }),
    [],
  );
  const approvedPage = approved.status === 'success' ? approved.data : null;
  const approvedList = useMemo(() => approvedPage?.data ?? [], [approvedPage]);

  const claimColumn: Column<Need> = {
    header: t('table.actions'),
    cell: (need) => {
      const claimable = commitmentsFor(need, approvedList).length > 0;
      return (
        <button
          type="button"
          className={
            claimable ? 'button button--primary button--small' : 'button button--ghost button--small'
          }
          onClick={() => setClaiming(need)}
        >
          {t('claim.button')}
          <span className="visually-hidden"> {need.title}</span>
        </button>
      );
    },
  };

  return (
    <>
      <PageHeader title={t('nav.openNeeds')} intro={t('openNeeds.intro')}>
        <Link className="button button--secondary" to="/my-claims">
          {t('nav.myClaims')}
        </Link>
      </PageHeader>
      {approved.status === 'success' && approvedList.length === 0 && (
        <p className="notice notice--info">
          {t('openNeeds.noApproved')} <Link to="/my-commitments/new">{t('commitmentForm.title')}</Link>
        </p>
      )}
      <NeedsListSection
        list={list}
        i18n={i18n}
        withStatus={false}
        caption={t('nav.openNeeds')}
        columns={[...needColumns(i18n), claimColumn]}
        emptyTitle={t('openNeeds.empty')}
        onSelect={setClaiming}
      />
      <ClaimDialog
        need={claiming}
        approved={approvedList}
        onClose={() => setClaiming(null)}
        onClaimed={(allocation) => {
          setClaiming(null);
          toast.show(t('claim.done', { title: allocation.needTitle }));
          list.needs.reload();
          approved.reload();
        }}
      />
    </>
  );
}
