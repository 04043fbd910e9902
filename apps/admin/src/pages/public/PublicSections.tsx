import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';

type ProgramStats = Schemas['PublicProgramStatsDto'];
type Score = Schemas['PublicScoreDto'];
const SCORECARD_ROWS = 24;

/** The path of a BAST's verification page: the number's slashes stay path separators, each part URL-encoded. */
export function bastPath(bastNumber: string): string {
  return `/bast/${bastNumber.trim().split('/').map(encodeURIComponent).join('/')}`;
}

/** One card per program: what is needed, delivered, reached and verified. */
export function ProgramCards({ programs }: { programs: readonly ProgramStats[] }) {
  const { t, format } = useI18n();
  return (
    <section aria-labelledby="site-programs-title" className="stack">
      <h2 id="site-programs-title">{t('site.programsTitle')}</h2>
      {programs.length === 0 ? (
        <p>{t('site.noPrograms')}</p>
      ) : (
        <ul className="site-cards" data-testid="site-programs">
          {programs.map((program) => (
            <li key={program.code} className="site-card">
              <h3 className="site-card__title">{program.name}</h3>
              <dl className="site-figures site-figures--two">
                <div>
                  <dt>{t('site.programNeeded')}</dt>
                  <dd>{format.number(program.quantity)}</dd>
                </div>
                <div>
                  <dt>{t('site.programDelivered')}</dt>
                  <dd>{format.number(program.delivered)}</dd>
                </div>
                <div>
                  <dt>{t('site.programReached')}</dt>
                  <dd>{format.number(program.beneficiariesReached)}</dd>
                </div>
                <div>
                  <dt>{t('site.programHandovers')}</dt>
                  <dd>{format.number(program.handoversVerified)}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ScoreCard({ score }: { score: Score }) {
  const { t, format } = useI18n();
  return (
    <li className="site-card" data-testid="site-score">
      <h3 className="site-card__title">{score.name}</h3>
      <p className="site-card__meta">
        {t(`collaboratorType.${score.type}`)} ·{' '}
        {t('site.commitments', { count: format.number(score.commitments) })}
      </p>
      <dl className="site-figures">
        <div>
          <dt>{t('site.pledged')}</dt>
          <dd>{format.number(score.committed)}</dd>
        </div>
        <div>
          <dt>{t('site.claimed')}</dt>
          <dd>{format.number(score.claimed)}</dd>
        </div>
        <div>
          <dt>{t('site.delivered')}</dt>
          <dd>{format.number(score.delivered)}</dd>
        </div>
      </dl>
      <p className="site-card__meta">
        {t('site.deliveredPercent', { percent: format.number(score.deliveredPercent) })}
      </p>
    </li>
  );
}

/** Pledged vs claimed vs delivered per collaborator (individuals named only when they opted in). */
export function Scorecard() {
  const { t } = useI18n();
  const scores = useApiQuery((signal) => api.GET('/api/v1/public/scorecard', { signal }), []);
  return (
    <section aria-labelledby="site-scorecard-title" className="stack">
      <h2 id="site-scorecard-title">{t('site.scorecardTitle')}</h2>
      <p>{t('site.scorecardIntro')}</p>
      {scores.status === 'loading' && <LoadingState />}
      {scores.status === 'error' && <ErrorState failure={scores.failure} onRetry={scores.reload} />}
      {scores.status === 'success' && scores.data.rows.length === 0 && (
        <EmptyState title={t('site.noScores')} />
      )}
      {scores.status === 'success' && scores.data.rows.length > 0 && (
        <>
          <ul className="site-cards" data-testid="site-scorecard">
            {scores.data.rows.slice(0, SCORECARD_ROWS).map((score, index) => (
              <ScoreCard key={`${score.name}-${index}`} score={score} />
            ))}
          </ul>
          {scores.data.rows.length > SCORECARD_ROWS && (
            <p className="site-card__meta">
              {t('site.scorecardMore', { shown: SCORECARD_ROWS, total: scores.data.rows.length })}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** Whether the hash chain of all verified BASTs recomputes. */
export function LedgerStatus() {
  const { t, format } = useI18n();
  const ledger = useApiQuery((signal) => api.GET('/api/v1/public/ledger/verify', { signal }), []);
  return (
    <section aria-labelledby="site-ledger-title" className="stack">
      <h2 id="site-ledger-title">{t('site.ledgerTitle')}</h2>
      {ledger.status === 'loading' && <LoadingState />}
      {ledger.status === 'error' && <ErrorState failure={ledger.failure} onRetry={ledger.reload} />}
      {ledger.status === 'success' && (
        <div
          className={ledger.data.ok ? 'site-status site-status--ok' : 'site-status site-status--bad'}
          data-testid="site-ledger"
          data-ok={ledger.data.ok}
        >
          <p>
            {ledger.data.ok
              ? t('site.ledgerOk', { count: format.number(ledger.data.length) })
              : t('site.ledgerBroken', { number: ledger.data.firstBadBastNumber ?? '' })}
          </p>
          {ledger.data.head && (
            <p>
              {t('site.ledgerHead')}: <span className="site-hash">{ledger.data.head}</span>
            </p>
          )}
        </div>
      )}
    </section>
  );
}

/** Enter a BAST number and open its verification page. */
export function VerifyForm({ initial = '' }: { initial?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [number, setNumber] = useState(initial);
  const [empty, setEmpty] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = number.trim();
    setEmpty(value === '');
    if (value) void navigate(bastPath(value));
  };
  return (
    <section aria-labelledby="site-verify-title" className="card stack">
      <h2 id="site-verify-title">{t('site.verifyTitle')}</h2>
      <p id="site-verify-intro">{t('site.verifyIntro')}</p>
      <form className="site-verify" onSubmit={submit} aria-labelledby="site-verify-title" noValidate>
        <div className="field">
          <label htmlFor="site-verify-number">{t('site.verifyNumber')}</label>
          <input
            id="site-verify-number"
            name="bastNumber"
            value={number}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={empty ? 'site-verify-intro site-verify-error' : 'site-verify-intro'}
            aria-invalid={empty || undefined}
            onChange={(event) => setNumber(event.target.value)}
          />
          {empty && (
            <p id="site-verify-error" className="field__error" role="alert">
              {t('site.verifyEmpty')}
            </p>
          )}
        </div>
        <button type="submit" className="button button--primary">
          {t('site.verifySubmit')}
        </button>
      </form>
    </section>
  );
}
