import { Link, useParams } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/current-user';
import { DataTable } from '../../components/DataTable';
import { MapPanel } from '../../components/map/MapPanel';
import type { MapPoint } from '../../components/map/map-types';
import { PageHeader } from '../../components/PageHeader';
import { RegionName } from '../../components/RegionName';
import { StatusBadge } from '../../components/StatusBadge';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { NEED_TONE } from '../../components/status-tones';
import { useApiQuery, type ApiResult } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';

type Institution = Schemas['InstitutionResponse'];
type Need = Schemas['NeedResponse'];
type Region = Schemas['RegionResponse'];
/** needs shown for one institution; a school rarely has more */
const NEEDS_SHOWN = 100;

export default function InstitutionDetailPage() {
  const { id = '' } = useParams();
  const institution = useApiQuery(
    (signal) => api.GET('/api/v1/institutions/{id}', { params: { path: { id } }, signal }),
    [id],
  );
  if (institution.status === 'loading') return <LoadingState />;
  if (institution.status === 'error') return <ErrorState failure={institution.failure} onRetry={institution.reload} />;
  return <InstitutionDetail institution={institution.data} />;
}

/** The institution's own point, or else the middle of its region (then of its kelurahan) when that has one. */
function useInstitutionPoint(institution: Institution): { point: MapPoint | null; approximate: boolean } {
  const codes = institution.location ? [] : [...new Set([institution.regionCode, institution.kelurahanCode])];
  const centre = useApiQuery(async (signal): Promise<ApiResult<Region | null>> => {
    let last: ApiResult<Region | null> = { data: null, response: new Response(null, { status: 204 }) };
    for (const code of codes) {
      const answer = await api.GET('/api/v1/regions/{code}', { params: { path: { code } }, signal });
      if (answer.data && answer.data.lat != null && answer.data.lon != null) return answer;
      last = { data: null, response: answer.response };
    }
    return last;
  }, [codes.join(',')]);
  const base = {
    id: institution.id,
    label: institution.name,
    detail: institution.address || undefined,
    tone: 'open' as const,
    weight: 1,
  };
  if (institution.location) return { point: { ...base, ...institution.location }, approximate: false };
  const region = centre.status === 'success' ? centre.data : null;
  if (region && region.lat != null && region.lon != null) {
    return { point: { ...base, lat: region.lat, lon: region.lon }, approximate: true };
  }
  return { point: null, approximate: false };
}

function InstitutionDetail({ institution }: { institution: Institution }) {
  const { t } = useI18n();
  const { point, approximate } = useInstitutionPoint(institution);
  const ref = institution.npsn ?? institution.nib ?? institution.siteCode;
  return (
    <>
      <PageHeader title={institution.name} intro={t('institution.intro')}>
        <div className="detail-actions">
          <Link className="button button--secondary" to="/institutions">
            {t('action.backToList')}
          </Link>
        </div>
      </PageHeader>
      <div className="detail-grid">
        <section className="card" aria-labelledby="institution-fields">
          <h2 id="institution-fields" className="card__title">
            {t('institution.fields')}
          </h2>
          <dl className="details" data-testid="institution-fields">
            <dt>{t('institutions.kind')}</dt>
            <dd>{t(`institutionKind.${institution.kind}`)}</dd>
            <dt>{t('institutions.id')}</dt>
            <dd>{ref ? <code>{ref}</code> : '—'}</dd>
            {institution.kind === 'school' && (
              <>
                <dt>{t('institutions.level')}</dt>
                <dd>{institution.schoolLevel ?? '—'}</dd>
              </>
            )}
            {institution.kind === 'msme' && (
              <>
                <dt>{t('institution.jakpreneur')}</dt>
                <dd>{institution.jakpreneurMember ? t('institution.yes') : t('institution.no')}</dd>
              </>
            )}
            <dt>{t('institution.address')}</dt>
            <dd>{institution.address || '—'}</dd>
            <dt>{t('institutions.region')}</dt>
            <dd>
              <RegionName code={institution.regionCode} />
            </dd>
            {institution.kelurahanCode !== institution.regionCode && (
              <>
                <dt>{t('institution.kelurahan')}</dt>
                <dd>
                  <RegionName code={institution.kelurahanCode} />
                </dd>
              </>
            )}
          </dl>
        </section>
        <section className="card" aria-labelledby="institution-map">
          <h2 id="institution-map" className="card__title">
            {t('institution.map')}
          </h2>
          {point ? (
            <div className="detail-map">
              <MapPanel points={[point]} label={t('institution.mapLabel', { name: institution.name })} />
            </div>
          ) : (
            <p className="muted">{t('institution.noLocation')}</p>
          )}
          {approximate && <p className="muted small">{t('institution.regionCentre')}</p>}
        </section>
      </div>
      <TargetingNeeds institutionId={institution.id} />
    </>
  );
}

/** The needs naming the institution as their target, and what of them was claimed and delivered. */
function TargetingNeeds({ institutionId }: { institutionId: string }) {
  const { t, format } = useI18n();
  const { role } = useCurrentUser();
  // the need's own page is the Pokja's; a viewer reads the title only
  const linked = role === 'admin' || role === 'operator';
  const needs = useApiQuery(
    (signal) =>
      api.GET('/api/v1/needs', {
        params: { query: { targetInstitution: institutionId, limit: NEEDS_SHOWN, page: 1, sort: '-createdAt' } },
        signal,
      }),
    [institutionId],
  );
  const rows: Need[] = needs.status === 'success' ? needs.data.data : [];
  const total = (pick: (n: Need) => number) => rows.reduce((sum, n) => sum + pick(n), 0);
  const delivered = total((n) => n.deliveredQuantity);
  return (
    <div className="stack">
      <section className="card" aria-labelledby="institution-needs">
        <h2 id="institution-needs" className="card__title">
          {t('institution.needs')}
        </h2>
        {needs.status === 'loading' && <LoadingState />}
        {needs.status === 'error' && <ErrorState failure={needs.failure} onRetry={needs.reload} />}
        {needs.status === 'success' && rows.length === 0 && <EmptyState title={t('institution.noNeeds')} />}
        {needs.status === 'success' && rows.length > 0 && (
          <DataTable<Need>
            caption={t('institution.needs')}
            rows={rows}
            rowKey={(n) => n.id}
            columns={[
              {
                header: t('needs.title'),
                card: 'title',
                cell: (n) => (linked ? <Link to={`/needs/${n.id}`}>{n.title}</Link> : n.title),
              },
              { header: t('needs.package'), cell: (n) => n.package.name, priority: 2 },
              {
                header: t('needs.status'),
                cell: (n) => <StatusBadge label={t(`needStatus.${n.status}`)} tone={NEED_TONE[n.status]} />,
              },
              { header: t('needs.quantity'), className: 'num', cell: (n) => `${format.number(n.quantity)} ${n.package.unit}` },
              { header: t('institution.claimed'), className: 'num', cell: (n) => format.number(n.allocatedQuantity), priority: 2 },
              { header: t('institution.deliveredColumn'), className: 'num', cell: (n) => format.number(n.deliveredQuantity) },
            ]}
          />
        )}
      </section>
      {needs.status === 'success' && rows.length > 0 && (
        <section className="card" aria-labelledby="institution-delivered">
          <h2 id="institution-delivered" className="card__title">
            {t('institution.delivered')}
          </h2>
          <p data-testid="institution-delivered">
            {delivered > 0
              ? t('institution.deliveredValue', {
                  delivered: format.number(delivered),
                  quantity: format.number(total((n) => n.quantity)),
                  claimed: format.number(total((n) => n.allocatedQuantity)),
                })
              : t('institution.nothingDelivered')}
          </p>
        </section>
      )}
    </div>
  );
}
