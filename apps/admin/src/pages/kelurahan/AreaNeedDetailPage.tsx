import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import type { ApiFailure } from '../../api/failure';
import { idempotencyKey, mutate } from '../../api/mutate';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { ReasonDialog } from '../../components/ReasonDialog';
import { RegionName } from '../../components/RegionName';
import { StatusBadge } from '../../components/StatusBadge';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useToast } from '../../components/Toast';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { NeedClaims, NeedHandovers } from '../details/NeedActivity';
import { NeedFields } from '../details/NeedFields';

type Need = Schemas['NeedResponse'];
type Flag = Schemas['NeedFlagResponse'];

/**
 * `/area-needs/:id`: a need of the kelurahan officer's area (another area's need is the API's 404), its claims and
 * handovers, the flags on it, and "flag as wrong" with a reason for an operator to act on.
 */
export default function AreaNeedDetailPage() {
  const { id = '' } = useParams();
  const need = useApiQuery(
    (signal) => api.GET('/api/v1/needs/{id}', { params: { path: { id } }, signal }),
    [id],
  );
  if (need.status === 'loading') return <LoadingState />;
  if (need.status === 'error') return <ErrorState failure={need.failure} onRetry={need.reload} />;
  return <AreaNeed need={need.data} />;
}

function AreaNeed({ need }: { need: Need }) {
  const { t, format } = useI18n();
  const toast = useToast();
  const [flagging, setFlagging] = useState(false);
  const flags = useApiQuery(
    (signal) => api.GET('/api/v1/need-flags', { params: { query: { needId: need.id, limit: 50 } }, signal }),
    [need.id],
  );
  const openFlag = flags.status === 'success' && flags.data.data.some((flag) => flag.status === 'open');

  async function flag(reason: string): Promise<ApiFailure | null> {
    const result = await mutate(() =>
      api.POST('/api/v1/needs/{id}/flags', {
        params: { path: { id: need.id }, header: { 'Idempotency-Key': idempotencyKey() } },
        body: { reason: reason.trim() },
      }),
    );
    if (!result.ok) return result.failure;
    toast.show(t('flag.done'), 'success');
    flags.reload();
    return null;
  }

  return (
    <>
      <PageHeader title={need.title} intro={t('area.needIntro')}>
        <div className="detail-actions">
          <Link className="button button--secondary" to="/area-needs">
            {t('action.backToList')}
          </Link>
          <button
            type="button"
            className="button button--danger"
            onClick={() => setFlagging(true)}
            disabled={openFlag}
          >
            {t('flag.action')}
          </button>
        </div>
      </PageHeader>
      {openFlag && <p className="notice notice--info">{t('flag.alreadyOpen')}</p>}
      <div className="stack">
        <section className="card" aria-labelledby="area-need-fields">
          <h2 id="area-need-fields" className="card__title">
            {t('details.fields')}
          </h2>
          <NeedFields need={need} region={<RegionName code={need.region.code} />} />
        </section>
        <section className="card stack" aria-labelledby="area-need-flags" data-testid="need-flags">
          <h2 id="area-need-flags" className="card__title">
            {t('flag.list')}
          </h2>
          {flags.status === 'loading' && <LoadingState />}
          {flags.status === 'error' && <ErrorState failure={flags.failure} onRetry={flags.reload} />}
          {flags.status === 'success' && flags.data.data.length === 0 && (
            <EmptyState title={t('flag.none')} />
          )}
          {flags.status === 'success' && flags.data.data.length > 0 && (
            <DataTable<Flag>
              caption={t('flag.list')}
              rows={flags.data.data}
              rowKey={(f) => f.id}
              columns={[
                { header: t('needFlags.reason'), cell: (f) => f.reason, card: 'title' },
                { header: t('needFlags.by'), cell: (f) => f.flaggedByName },
                { header: t('needFlags.when'), cell: (f) => format.dateTime(f.createdAt) },
                {
                  header: t('needFlags.status'),
                  cell: (f) => (
                    <>
                      <StatusBadge
                        label={t(`needFlagStatus.${f.status as 'open' | 'resolved'}`)}
                        tone={f.status === 'open' ? 'warn' : 'good'}
                      />
                      {f.resolution && <div className="small">{f.resolution}</div>}
                    </>
                  ),
                },
              ]}
            />
          )}
        </section>
        <NeedClaims needId={need.id} unit={need.package.unit} />
        <NeedHandovers needId={need.id} />
      </div>
      <ReasonDialog
        open={flagging}
        title={t('flag.title')}
        intro={t('flag.intro')}
        confirmLabel={t('flag.action')}
        onConfirm={flag}
        onClose={() => setFlagging(false)}
      />
    </>
  );
}
