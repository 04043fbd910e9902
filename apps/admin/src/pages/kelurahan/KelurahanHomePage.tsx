import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/current-user';
import { RegionName } from '../../components/RegionName';
import { StatusBadge } from '../../components/StatusBadge';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { NEED_TONE } from '../../components/status-tones';
import { useApiQuery, type ApiResult } from '../../hooks/useApiQuery';
import { useRegions } from '../../hooks/useRegionNames';
import { useI18n } from '../../i18n/I18nProvider';
import '../home/home.css';

/** How many items each list of the home shows. */
const SHOWN = 5;

interface Counts {
  openNeeds: number;
  activeClaims: number;
  awaiting: number;
  openFlags: number;
}

/** The four counts, each the `meta.total` of a one-row read of a list the API scopes to the officer's kelurahan. */
function useCounts() {
  return useApiQuery(async (signal): Promise<ApiResult<Counts>> => {
    const one = { page: 1, limit: 1 };
    const [needs, reserved, partial, awaiting, flags] = await Promise.all([
      api.GET('/api/v1/needs', { params: { query: { ...one, status: 'open' } }, signal }),
      api.GET('/api/v1/allocations', { params: { query: { ...one, status: 'reserved' } }, signal }),
      api.GET('/api/v1/allocations', { params: { query: { ...one, status: 'partially_delivered' } }, signal }),
      api.GET('/api/v1/handovers', { params: { query: { ...one, status: 'submitted', kelurahanConfirmed: false } }, signal }),
      api.GET('/api/v1/need-flags', { params: { query: { ...one, status: 'open' } }, signal }),
    ]);
    const answers = [needs, reserved, partial, awaiting, flags];
    const failed = answers.find((answer) => answer.data === undefined);
    if (failed) return { error: failed.error, response: failed.response };
    const total = (answer: (typeof answers)[number]) => answer.data?.meta.total ?? 0;
    return {
      data: {
        openNeeds: total(needs),
        activeClaims: total(reserved) + total(partial),
        awaiting: total(awaiting),
        openFlags: total(flags),
      },
      response: flags.response,
    };
  }, []);
}

/**
 * `/` for a kelurahan officer: their kelurahan, the counts of its open needs, active claims, handovers awaiting their
 * confirmation and open flags, and the first few of each to work on.
 */
export default function KelurahanHomePage() {
  const { t, format } = useI18n();
  const { me } = useCurrentUser();
  const code = me.user?.kelurahanCode ?? '';
  const region = useRegions(code ? [code] : [])(code);
  const counts = useCounts();
  const figures: { key: keyof Counts; label: string; to: string }[] = [
    { key: 'openNeeds', label: t('kelHome.openNeeds'), to: '/area-needs?status=open' },
    { key: 'activeClaims', label: t('kelHome.activeClaims'), to: '/area-claims' },
    { key: 'awaiting', label: t('kelHome.awaiting'), to: '/area-handovers?status=submitted&awaiting=1' },
    { key: 'openFlags', label: t('kelHome.openFlags'), to: '/need-flags' },
  ];

  return (
    <>
      <header className="page-header">
        <div>
          <h1 className="page-header__title">{t('kelHome.title')}</h1>
          <p className="page-header__intro" data-testid="kelurahan-name">
            {t('kelHome.intro', { name: region?.name ?? code })}
          </p>
        </div>
      </header>
      <section className="stack" aria-labelledby="kel-summary-title">
        <h2 id="kel-summary-title" className="visually-hidden">
          {t('kelHome.summary')}
        </h2>
        {counts.status === 'loading' && <LoadingState />}
        {counts.status === 'error' && <ErrorState failure={counts.failure} onRetry={counts.reload} />}
        {counts.status === 'success' && (
          <ul className="kpis" data-testid="kelurahan-counts">
            {figures.map((figure) => (
              <li key={figure.key}>
                <Link className="kpi" to={figure.to} data-testid={`count-${figure.key}`}>
                  <span className="kpi__value">{format.number(counts.data[figure.key])}</span>
                  <span className="kpi__label">{figure.label}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="home-grid">
        <AwaitingSection />
        <OpenNeedsSection />
        <OpenFlagsSection />
      </div>
    </>
  );
}

function Section({ id, title, intro, more, children }: { id: string; title: string; intro: string; more: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="card home-section" aria-labelledby={`${id}-title`} data-testid={id}>
      <div className="card__heading">
        <h2 id={`${id}-title`} className="card__title">
          {title}
        </h2>
        <Link to={more} className="home-more" aria-label={`${t('home.more')}: ${title}`}>
          {t('home.more')}
        </Link>
      </div>
      <p className="muted small">{intro}</p>
      {children}
    </section>
  );
}

function AwaitingSection() {
  const { t, format } = useI18n();
  const list = useApiQuery(
    (signal) =>
      api.GET('/api/v1/handovers', {
        params: { query: { page: 1, limit: SHOWN, status: 'submitted', kelurahanConfirmed: false, sort: 'createdAt' } },
        signal,
      }),
    [],
  );
  return (
    <Section
      id="kel-awaiting"
      title={t('kelHome.awaiting')}
      intro={t('kelHome.awaitingIntro')}
      more="/area-handovers?status=submitted&awaiting=1"
    >
      {list.status === 'loading' && <LoadingState />}
      {list.status === 'error' && <ErrorState failure={list.failure} onRetry={list.reload} />}
      {list.status === 'success' &&
        (list.data.data.length === 0 ? (
          <EmptyState title={t('kelHome.noAwaiting')} />
        ) : (
          <ul className="home-list">
            {list.data.data.map((handover) => (
              <li key={handover.id} className="home-item">
                <div className="home-item__main">
                  <Link to={`/area-handovers/${handover.id}`} className="home-item__title">
                    {handover.bastNumber}
                  </Link>
                  <p className="muted small">
                    {handover.collaboratorName} · <RegionName code={handover.location.regionCode} />
                  </p>
                  <p className="small">{format.dateTime(handover.handedOverAt)}</p>
                </div>
              </li>
            ))}
          </ul>
        ))}
    </Section>
  );
}

function OpenNeedsSection() {
  const { t, format } = useI18n();
  const list = useApiQuery(
    (signal) =>
      api.GET('/api/v1/needs', { params: { query: { page: 1, limit: SHOWN, status: 'open', sort: 'dueDate' } }, signal }),
    [],
  );
  return (
    <Section id="kel-needs" title={t('kelHome.openNeeds')} intro={t('kelHome.needsIntro')} more="/area-needs?status=open">
      {list.status === 'loading' && <LoadingState />}
      {list.status === 'error' && <ErrorState failure={list.failure} onRetry={list.reload} />}
      {list.status === 'success' &&
        (list.data.data.length === 0 ? (
          <EmptyState title={t('kelHome.noNeeds')} />
        ) : (
          <ul className="home-list">
            {list.data.data.map((need) => (
              <li key={need.id} className="home-item">
                <div className="home-item__main">
                  <Link to={`/area-needs/${need.id}`} className="home-item__title">
                    {need.title}
                  </Link>
                  <p className="muted small">
                    {need.program.name} · <RegionName code={need.region.code} />
                  </p>
                  <p className="small">
                    {format.number(need.availableQuantity)} / {format.number(need.quantity)} {need.package.unit}
                    {need.dueDate && <> · {format.date(need.dueDate)}</>}
                  </p>
                </div>
                <div className="home-item__side">
                  <StatusBadge label={t(`needStatus.${need.status}`)} tone={NEED_TONE[need.status]} />
                </div>
              </li>
            ))}
          </ul>
        ))}
    </Section>
  );
}

function OpenFlagsSection() {
  const { t, format } = useI18n();
  const list = useApiQuery(
    (signal) => api.GET('/api/v1/need-flags', { params: { query: { page: 1, limit: SHOWN, status: 'open' } }, signal }),
    [],
  );
  return (
    <Section id="kel-flags" title={t('kelHome.openFlags')} intro={t('kelHome.flagsIntro')} more="/need-flags">
      {list.status === 'loading' && <LoadingState />}
      {list.status === 'error' && <ErrorState failure={list.failure} onRetry={list.reload} />}
      {list.status === 'success' &&
        (list.data.data.length === 0 ? (
          <EmptyState title={t('kelHome.noFlags')} />
        ) : (
          <ul className="home-list">
            {list.data.data.map((flag) => (
              <li key={flag.id} className="home-item">
                <div className="home-item__main">
                  <Link to={`/area-needs/${flag.needId}`} className="home-item__title">
                    {flag.needTitle}
                  </Link>
                  <p className="small">{flag.reason}</p>
                  <p className="muted small">{format.dateTime(flag.createdAt)}</p>
                </div>
              </li>
            ))}
          </ul>
        ))}
    </Section>
  );
}
