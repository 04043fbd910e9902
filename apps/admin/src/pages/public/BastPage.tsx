import { useParams } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { ErrorState, LoadingState } from '../../components/StatusViews';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { PublicShell } from './PublicShell';
import { VerifyForm } from './PublicSections';

type PublicBast = Schemas['PublicBastResponse'];

function Verdict({ bast }: { bast: PublicBast }) {
  const { t } = useI18n();
  const ok = bast.ledger.ok;
  return (
    <div
      className={ok ? 'site-status site-status--ok' : 'site-status site-status--bad'}
      data-testid="bast-verdict"
      data-verdict={ok ? 'verified' : 'broken'}
    >
      <p className="site-status__title">
        <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
        {t(ok ? 'site.bastVerified' : 'site.bastBroken')}
      </p>
      <p>
        {ok
          ? t('site.bastVerifiedText')
          : t('site.bastBrokenText', { number: bast.ledger.firstBadBastNumber ?? '' })}
      </p>
    </div>
  );
}

function BastDetails({ bast }: { bast: PublicBast }) {
  const { t, format } = useI18n();
  return (
    <>
      <Verdict bast={bast} />
      <section aria-labelledby="bast-facts-title" className="card stack">
        <h2 id="bast-facts-title" className="visually-hidden">
          {t('site.bastTitle', { number: bast.bastNumber })}
        </h2>
        <dl className="site-facts">
          <div>
            <dt>{t('site.bastProgram')}</dt>
            <dd>{bast.program.name}</dd>
          </div>
          <div>
            <dt>{t('site.bastVillage')}</dt>
            <dd>{bast.village?.name ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('site.bastDate')}</dt>
            <dd data-testid="bast-date">{format.date(bast.handedOverAt)}</dd>
          </div>
          <div>
            <dt>{t('site.bastGiver')}</dt>
            <dd>{bast.collaborator?.name ?? t('site.bastGiverPrivate')}</dd>
          </div>
          <div>
            <dt>{t('site.bastAggregator')}</dt>
            <dd>{bast.aggregator?.name ?? t('site.bastDirect')}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="bast-items-title" className="card stack">
        <h2 id="bast-items-title">{t('site.bastItems')}</h2>
        <ul className="site-items">
          {bast.items.map((item) => (
            <li key={item.packageCode}>
              <span>
                {item.package} ({item.packageCode})
              </span>
              <span>
                {format.number(item.quantity)} {item.unit}
              </span>
            </li>
          ))}
          <li>
            <span>{t('site.bastTotal')}</span>
            <span data-testid="bast-total">{format.number(bast.totalQuantity)}</span>
          </li>
        </ul>
      </section>
      <section aria-labelledby="bast-hashes-title" className="card stack">
        <h2 id="bast-hashes-title">{t('site.bastHashes')}</h2>
        <dl className="site-facts">
          <div>
            <dt>{t('site.bastContentHash')}</dt>
            <dd className="site-hash">{bast.contentHash}</dd>
          </div>
          <div>
            <dt>{t('site.bastChainHash')}</dt>
            <dd className="site-hash">{bast.chainHash}</dd>
          </div>
          <div>
            <dt>{t('site.bastChainSeq')}</dt>
            <dd>{format.number(bast.chainSeq)}</dd>
          </div>
        </dl>
      </section>
    </>
  );
}

function NotFound({ number }: { number: string }) {
  const { t } = useI18n();
  return (
    <div
      className="site-status site-status--none"
      data-testid="bast-verdict"
      data-verdict="not-found"
      role="status"
    >
      <p className="site-status__title">{t('site.bastNotFound')}</p>
      <p>{t('site.bastNotFoundText', { number })}</p>
    </div>
  );
}

function BastLookup({ number }: { number: string }) {
  const bast = useApiQuery(
    (signal) =>
      api.GET('/api/v1/public/bast/{bastNumber}', { params: { path: { bastNumber: number } }, signal }),
    [number],
  );
  if (bast.status === 'loading') return <LoadingState />;
  if (bast.status === 'error') {
    const status = bast.failure.kind === 'problem' ? bast.failure.problem.status : undefined;
    if (status === 404 || status === 400) return <NotFound number={number} />;
    return <ErrorState failure={bast.failure} onRetry={bast.reload} />;
  }
  return <BastDetails bast={bast.data} />;
}

/**
 * The BAST verification page, `/bast/BAST/PANGAN/2026/000001` (what the QR code on the PDF opens): the record's
 * public facts, its hashes and whether the ledger's chain verifies. Without a number: the form only.
 */
export default function BastPage() {
  const { t } = useI18n();
  const number = (useParams()['*'] ?? '').replace(/\/+$/, '');
  return (
    <PublicShell>
      <header className="page-header">
        <div>
          <h1 className="page-header__title">
            {number ? t('site.bastTitle', { number }) : t('site.verifyTitle')}
          </h1>
          {!number && <p className="page-header__intro">{t('site.verifyIntro')}</p>}
        </div>
      </header>
      {number && <BastLookup key={number} number={number} />}
      <VerifyForm key={`form:${number}`} />
    </PublicShell>
  );
}
