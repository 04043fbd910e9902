import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import type { ApiFailure } from '../../api/failure';
import { idempotencyKey, ifMatch, mutate } from '../../api/mutate';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { MapPanel } from '../../components/map/MapPanel';
import type { MapPoint } from '../../components/map/map-types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/StatusViews';
import { useToast } from '../../components/Toast';
import { useApiQuery, type ApiResult } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { NeedClaims, NeedHandovers } from './NeedActivity';
import { NeedFields } from './NeedFields';
import { ObjectHistory } from './ObjectHistory';

type Need = Schemas['NeedResponse'];
type Region = Schemas['RegionResponse'];

/** `31.71.01.1001.RW05.RT003` → its ancestors' codes and itself, from the city down. */
function regionChain(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.')).filter((c) => c.includes('.'));
}

/** The names of a region and its ancestors (city → … → RT), each fetched by code. */
function useRegionPath(code: string) {
  return useApiQuery(
    async (signal): Promise<ApiResult<Region[]>> => {
      const answers = await Promise.all(
        regionChain(code).map((c) =>
          api.GET('/api/v1/regions/{code}', { params: { path: { code: c } }, signal }),
        ),
      );
      const failed = answers.find((a) => a.data === undefined);
      if (failed) return { error: failed.error, response: failed.response };
      return { data: answers.map((a) => a.data as Region), response: answers[answers.length - 1].response };
    },
    [code],
  );
}

export default function NeedDetailPage() {
  const { id = '' } = useParams();
  const need = useApiQuery(
    (signal) => api.GET('/api/v1/needs/{id}', { params: { path: { id } }, signal }),
    [id],
  );
  if (need.status === 'loading') return <LoadingState />;
  if (need.status === 'error') return <ErrorState failure={need.failure} onRetry={need.reload} />;
  return <NeedDetail need={need.data} reload={need.reload} />;
}

function NeedDetail({ need, reload }: { need: Need; reload(): void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [publishing, setPublishing] = useState(false);
  const path = useRegionPath(need.region.code);
  const regions = path.status === 'success' ? path.data : [];
  const located =
    need.location ??
    (() => {
      const withPoint = [...regions].reverse().find((r) => r.lat !== null && r.lon !== null);
      return withPoint ? { lat: withPoint.lat as number, lon: withPoint.lon as number } : null;
    })();
  const points: MapPoint[] = located
    ? [
        {
          id: need.id,
          lat: located.lat,
          lon: located.lon,
          label: need.title,
          detail: need.region.name,
          tone: 'open',
          weight: 1,
        },
      ]
    : [];

  async function publish(): Promise<ApiFailure | null> {
    const result = await mutate(() =>
      api.POST('/api/v1/needs/{id}/publish', {
        params: {
          path: { id: need.id },
          header: { 'If-Match': ifMatch(need.version), 'Idempotency-Key': idempotencyKey() },
        },
      }),
    );
    if (!result.ok) return result.failure;
    toast.show(t('needAction.published', { title: need.title }));
    reload();
    return null;
  }

  return (
    <>
      <PageHeader title={need.title} intro={t('details.needIntro')}>
        <div className="detail-actions">
          <Link className="button button--secondary" to="/needs">
            {t('action.backToList')}
          </Link>
          <Link className="button button--ghost" to={`/needs/${need.id}/edit`}>
            {t('action.edit')}
          </Link>
          {need.status === 'draft' && (
            <button type="button" className="button button--primary" onClick={() => setPublishing(true)}>
              {t('needAction.publish')}
            </button>
          )}
        </div>
      </PageHeader>
      <div className="detail-grid">
        <section className="card" aria-labelledby="need-fields">
          <h2 id="need-fields" className="card__title">
            {t('details.fields')}
          </h2>
          <NeedFields
            need={need}
            region={
              <span title={need.region.code}>
                {regions.length > 0 ? regions.map((r) => r.name).join(' › ') : need.region.name}
              </span>
            }
          />
        </section>
        <section className="card" aria-labelledby="need-map">
          <h2 id="need-map" className="card__title">
            {t('details.map')}
          </h2>
          {points.length > 0 ? (
            <div className="detail-map">
              <MapPanel points={points} label={t('details.mapLabel', { title: need.title })} />
            </div>
          ) : (
            <p className="muted">{t('details.noLocation')}</p>
          )}
          {!need.location && points.length > 0 && <p className="muted small">{t('details.regionCentre')}</p>}
        </section>
      </div>
      <NeedClaims needId={need.id} unit={need.package.unit} linkCommitments />
      <NeedHandovers needId={need.id} />
      <ObjectHistory entity="need" entityId={need.id} name={need.title} />
      <ConfirmDialog
        open={publishing}
        title={t('needAction.publishTitle')}
        body={t('needAction.publishBody', { title: need.title })}
        confirmLabel={t('needAction.publish')}
        onConfirm={publish}
        onClose={() => setPublishing(false)}
      />
    </>
  );
}
