import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/current-user';
import { Countdown } from '../../components/Countdown';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusBadge } from '../../components/StatusBadge';
import { ALLOCATION_TONE, COMMITMENT_TONE } from '../../components/status-tones';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { commitmentPath, handoverPath } from '../../navigation';
import './home.css';

type Home = Schemas['HomeResponse'];
type Claim = Schemas['HomeClaimResponse'];

/** How many of the soonest-expiring claims the donor's home shows with a countdown. */
const EXPIRING_SHOWN = 5;

/** Where a deliverer submits a handover for one claim. */
const handoverFor = (claim: { id: string }) => `/deliveries/new?allocation=${encodeURIComponent(claim.id)}`;

/**
 * The home of a donor (its claims expiring soonest, handovers still to submit, rejected items to fix and its
 * commitments' progress) or of an aggregator (its assignments by due date): one read of `GET /me/home`.
 */
export default function HomePage() {
  const { t } = useI18n();
  const { role } = useCurrentUser();
  const home = useApiQuery((signal) => api.GET('/api/v1/me/home', { signal }), []);
  const title = role === 'aggregator' ? t('home.aggregatorTitle') : t('home.donorTitle');

  return (
    <>
      <header className="page-header">
        <div>
          <h1 className="page-header__title">{title}</h1>
          {home.status === 'success' && (
            <p className="page-header__intro">
              {t('home.intro', { organisation: home.data.organisationName ?? '—' })}
            </p>
          )}
        </div>
      </header>
      {home.status === 'loading' && <LoadingState />}
      {home.status === 'error' && <ErrorState failure={home.failure} onRetry={home.reload} />}
      {home.status === 'success' &&
        (home.data.role === 'aggregator' ? (
          <AggregatorHome home={home.data} />
        ) : (
          <DonorHome home={home.data} />
        ))}
    </>
  );
}

function DonorHome({ home }: { home: Home }) {
  const { t } = useI18n();
  const waiting = home.claims.filter((claim) => !claim.handoverPending && claim.remaining > 0);
  const expiring = waiting.filter((claim) => claim.status === 'reserved').slice(0, EXPIRING_SHOWN);
  return (
    <div className="home-grid">
      <Section
        id="home-expiring"
        title={t('home.expiring')}
        intro={t('home.expiringIntro')}
        more="/my-claims"
      >
        {expiring.length === 0 ? (
          <EmptyState title={t('home.noExpiring')} />
        ) : (
          <ul className="home-list">
            {expiring.map((claim) => (
              <ClaimItem key={claim.id} claim={claim} countdown />
            ))}
          </ul>
        )}
      </Section>
      <Section
        id="home-to-submit"
        title={t('home.toSubmit')}
        intro={t('home.toSubmitIntro')}
        more="/deliveries"
      >
        {waiting.length === 0 ? (
          <EmptyState title={t('home.noToSubmit')} />
        ) : (
          <ul className="home-list">
            {waiting.map((claim) => (
              <ClaimItem key={claim.id} claim={claim} />
            ))}
          </ul>
        )}
      </Section>
      <RejectedSection home={home} />
      <CommitmentsSection home={home} />
    </div>
  );
}

function AggregatorHome({ home }: { home: Home }) {
  const { t } = useI18n();
  return (
    <div className="home-grid">
      <Section
        id="home-assignments"
        title={t('home.assignments')}
        intro={t('home.assignmentsIntro')}
        more="/assignments"
      >
        {home.claims.length === 0 ? (
          <EmptyState title={t('home.noAssignments')} />
        ) : (
          <ul className="home-list">
            {home.claims.map((claim) => (
              <ClaimItem key={claim.id} claim={claim} countdown showDonor />
            ))}
          </ul>
        )}
      </Section>
      <RejectedSection home={home} />
      <CommitmentsSection home={home} />
    </div>
  );
}

function Section({
  id,
  title,
  intro,
  more,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  more?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section className="card home-section" aria-labelledby={`${id}-title`} data-testid={id}>
      <div className="card__heading">
        <h2 id={`${id}-title`} className="card__title">
          {title}
        </h2>
        {more && (
          <Link to={more} className="home-more" aria-label={`${t('home.more')}: ${title}`}>
            {t('home.more')}
          </Link>
        )}
      </div>
      {intro && <p className="muted small">{intro}</p>}
      {children}
    </section>
  );
}

function ClaimItem({
  claim,
  countdown = false,
  showDonor = false,
}: {
  claim: Claim;
  countdown?: boolean;
  showDonor?: boolean;
}) {
  const { t, format } = useI18n();
  const { role } = useCurrentUser();
  return (
    <li className="home-item">
      <div className="home-item__main">
        <Link to={commitmentPath(role, claim.commitmentId)} className="home-item__title">
          {claim.needTitle}
        </Link>
        <p className="muted small">
          {claim.programCode} · {claim.packageCode} · {claim.regionName}
          {claim.commitmentNumber && <> · {claim.commitmentNumber}</>}
        </p>
        {showDonor && <p className="small">{t('home.donor', { name: claim.collaboratorName })}</p>}
        <p className="small">
          {t('home.remaining', {
            value: format.number(claim.remaining),
            total: format.number(claim.quantity),
          })}
          {' · '}
          {t('home.due', { date: format.dateTime(claim.expiresAt) })}
        </p>
      </div>
      <div className="home-item__side">
        <StatusBadge label={t(`allocationStatus.${claim.status}`)} tone={ALLOCATION_TONE[claim.status]} />
        {countdown && claim.status === 'reserved' && !claim.handoverPending && (
          <Countdown until={claim.expiresAt} />
        )}
        {claim.handoverPending ? (
          <span className="badge badge--role">{t('home.pendingVerification')}</span>
        ) : (
          <Link
            className="button button--primary button--small"
            to={handoverFor(claim)}
            aria-label={`${t('home.submitHandover')}: ${claim.needTitle}`}
          >
            {t('home.submitHandover')}
          </Link>
        )}
      </div>
    </li>
  );
}

function RejectedSection({ home }: { home: Home }) {
  const { t, format } = useI18n();
  const { role } = useCurrentUser();
  return (
    <Section id="home-rejected" title={t('home.rejected')} intro={t('home.rejectedIntro')}>
      {home.rejectedItems.length === 0 ? (
        <EmptyState title={t('home.noRejected')} />
      ) : (
        <ul className="home-list">
          {home.rejectedItems.map((item) => (
            <li key={`${item.handoverId}:${item.allocationId}`} className="home-item">
              <div className="home-item__main">
                <Link to={handoverPath(role, item.handoverId)} className="home-item__title">
                  {t('home.viewBast', { number: item.bastNumber })}
                </Link>
                <p className="small">
                  {item.needTitle} · {format.number(item.quantity)}
                </p>
                {item.rejectionReason && (
                  <p className="small">{t('home.rejectedReason', { reason: item.rejectionReason })}</p>
                )}
                {item.decidedAt && <p className="muted small">{format.dateTime(item.decidedAt)}</p>}
              </div>
              <div className="home-item__side">
                <Link
                  className="button button--primary button--small"
                  to={handoverFor({ id: item.allocationId })}
                  aria-label={`${t('home.fix')}: ${item.needTitle}`}
                >
                  {t('home.fix')}
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function CommitmentsSection({ home }: { home: Home }) {
  const { t, format } = useI18n();
  const { role } = useCurrentUser();
  const list = role === 'aggregator' ? '/assignments' : '/my-commitments';
  return (
    <Section
      id="home-commitments"
      title={role === 'aggregator' ? t('home.assignedCommitments') : t('home.commitments')}
      more={list}
    >
      {home.commitments.length === 0 ? (
        <EmptyState title={t('home.noCommitments')} />
      ) : (
        <ul className="home-list">
          {home.commitments.map((c) => {
            const ratio = (value: number) => (c.pledged > 0 ? value / c.pledged : 0);
            const numbers = { total: format.number(c.pledged) };
            return (
              <li key={c.id} className="home-item home-item--column">
                <div className="home-item__row">
                  <Link to={commitmentPath(role, c.id)} className="home-item__title">
                    {c.number ?? t(`commitmentStatus.${c.status}`)}
                  </Link>
                  <StatusBadge label={t(`commitmentStatus.${c.status}`)} tone={COMMITMENT_TONE[c.status]} />
                </div>
                <p className="muted small">
                  {c.programCode} · {t('home.pledged', { value: format.number(c.pledged) })}
                </p>
                <ProgressBar
                  label={t('home.claimedOf', { value: format.number(c.claimed), ...numbers })}
                  value={ratio(c.claimed)}
                />
                <ProgressBar
                  label={t('home.deliveredOf', { value: format.number(c.delivered), ...numbers })}
                  value={ratio(c.delivered)}
                />
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}
