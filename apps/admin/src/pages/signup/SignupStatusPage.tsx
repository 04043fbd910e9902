import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { failureFromError, failureFromThrown, failureText, type ApiFailure } from '../../api/failure';
import { sessionStore } from '../../auth/session-store';
import { StatusBadge, type Tone } from '../../components/StatusBadge';
import { ErrorState, LoadingState } from '../../components/StatusViews';
import { useI18n } from '../../i18n/I18nProvider';
import { StandalonePage } from './StandalonePage';

type Me = Schemas['MeResponse'];

function Step({ title, done, tone, children }: { title: string; done: boolean; tone?: Tone; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <li className="signup-steps__step">
      <h2 className="signup-steps__title">
        {title} <StatusBadge label={t(done ? 'signupStatus.done' : 'signupStatus.waiting')} tone={tone ?? (done ? 'good' : 'warn')} />
      </h2>
      {children}
    </li>
  );
}

/** After sign-up: what is done and what happens next (email link, Pokja's verification, then signing), as it is now. */
export default function SignupStatusPage() {
  const { t, locale } = useI18n();
  const [me, setMe] = useState<Me | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [resend, setResend] = useState<{ kind: 'sent' | 'failed'; text: string } | null>(null);
  const [resending, setResending] = useState(false);

  const load = useCallback(async () => {
    setFailure(null);
    try {
      const { data, error, response } = await api.GET('/api/v1/auth/me', { headers: { 'accept-language': locale } });
      if (!data) return setFailure(failureFromError(error, response));
      setMe(data);
      sessionStore.setMe(data);
    } catch (thrown) {
      setFailure(failureFromThrown(thrown));
    }
  }, [locale]);

  useEffect(() => {
    void load();
  }, [load]);

  async function sendAgain() {
    setResending(true);
    setResend(null);
    try {
      const { error, response } = await api.POST('/api/v1/auth/resend-verification', {
        headers: { 'accept-language': locale },
      });
      if (response.ok) setResend({ kind: 'sent', text: t('signupStatus.resent') });
      else if (response.status === 429) setResend({ kind: 'failed', text: t('signupStatus.resendTooSoon') });
      else if (response.status === 409) await load();
      else setResend({ kind: 'failed', text: failureText(failureFromError(error, response), t) });
    } catch (thrown) {
      setResend({ kind: 'failed', text: failureText(failureFromThrown(thrown), t) });
    }
    setResending(false);
  }

  if (failure) return <ErrorState failure={failure} onRetry={() => void load()} />;
  if (!me) return <LoadingState fullPage />;

  const org = me.collaborator;
  const orgStatus = org?.status ?? 'pending';
  const orgVerified = orgStatus === 'verified';
  const orgRefused = orgStatus === 'rejected' || orgStatus === 'suspended';
  const orgText =
    orgStatus === 'verified'
      ? 'signupStatus.orgVerified'
      : orgStatus === 'rejected'
        ? 'signupStatus.orgRejected'
        : orgStatus === 'suspended'
          ? 'signupStatus.orgSuspended'
          : 'signupStatus.orgPending';
  const ready = me.emailVerified && orgVerified;

  return (
    <StandalonePage titleId="signup-status-title">
      <h1 id="signup-status-title">{t('signupStatus.title')}</h1>
      <p className="muted">{t('signupStatus.intro')}</p>
      <ol className="signup-steps" aria-live="polite">
        <Step title={t('signupStatus.stepAccount')} done>
          <p>{me.user?.email}</p>
        </Step>
        <Step title={t('signupStatus.stepEmail')} done={me.emailVerified}>
          {me.emailVerified ? (
            <p data-testid="email-state">{t('signupStatus.emailDone')}</p>
          ) : (
            <>
              <p data-testid="email-state">{t('signupStatus.emailPending', { email: me.user?.email ?? '' })}</p>
              <button type="button" className="button" onClick={() => void sendAgain()} disabled={resending}>
                {t('signupStatus.resend')}
              </button>
              {resend && (
                <p className={`notice ${resend.kind === 'sent' ? 'notice--success' : 'notice--error'}`} role="status">
                  {resend.text}
                </p>
              )}
            </>
          )}
        </Step>
        <Step title={t('signupStatus.stepOrganisation')} done={orgVerified} tone={orgRefused ? 'bad' : undefined}>
          <p data-testid="organisation-state">{t(orgText, { name: org?.name ?? '' })}</p>
          {orgRefused && org?.statusReason && <p>{t('signupStatus.reason', { reason: org.statusReason })}</p>}
        </Step>
        <Step title={t('signupStatus.stepSign')} done={ready}>
          {ready ? (
            <>
              <p>{t('signupStatus.signReady')}</p>
              <Link className="button button--primary" to="/my-commitments/new">
                {t('signupStatus.newCommitment')}
              </Link>
            </>
          ) : (
            <p>{t('signupStatus.signLocked')}</p>
          )}
        </Step>
      </ol>
      <div className="signup-steps__actions">
        <button type="button" className="button" onClick={() => void load()}>
          {t('signupStatus.refresh')}
        </button>
        <Link to="/">{t('signupStatus.console')}</Link>
      </div>
    </StandalonePage>
  );
}
