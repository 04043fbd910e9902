import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../auth/useSession';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/id';
import { StandalonePage } from './StandalonePage';

type Outcome = 'success' | 'used' | 'expired' | 'invalid' | 'failed';

/** One request per token for the page's life: the link is single use, and React may run an effect twice. */
const attempts = new Map<string, Promise<Outcome>>();

function verify(token: string): Promise<Outcome> {
  let attempt = attempts.get(token);
  if (!attempt) {
    attempt = (async (): Promise<Outcome> => {
      try {
        const { data, error } = await api.POST('/api/v1/auth/verify-email', { body: { token } });
        if (data) return 'success';
        const code = (error as { errors?: { code?: string }[] } | undefined)?.errors?.[0]?.code;
        if (code === 'verification_token_used') return 'used';
        if (code === 'verification_token_expired') return 'expired';
        return code === 'verification_token_invalid' ? 'invalid' : 'failed';
      } catch {
        return 'failed';
      }
    })();
    attempts.set(token, attempt);
  }
  return attempt;
}

const TEXT: Record<Outcome, MessageKey> = {
  success: 'verifyEmail.success',
  used: 'verifyEmail.used',
  expired: 'verifyEmail.expired',
  invalid: 'verifyEmail.invalid',
  failed: 'error.unknown',
};

/** The target of the verification email's link: spends the token and says how it went. */
export default function VerifyEmailPage() {
  const { t } = useI18n();
  const session = useSession();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const [outcome, setOutcome] = useState<Outcome | null>(token ? null : 'invalid');

  useEffect(() => {
    if (!token) return;
    let current = true;
    void verify(token).then((result) => current && setOutcome(result));
    return () => {
      current = false;
    };
  }, [token]);

  const next = session.status === 'authenticated' ? '/signup/status' : '/login?next=%2Fsignup%2Fstatus';
  return (
    <StandalonePage titleId="verify-email-title">
      <h1 id="verify-email-title">{t('verifyEmail.title')}</h1>
      {outcome === null ? (
        <p role="status">{t('verifyEmail.checking')}</p>
      ) : (
        <p className={`notice ${outcome === 'success' ? 'notice--success' : 'notice--error'}`} role="status" data-testid="verify-outcome" data-outcome={outcome}>
          {t(TEXT[outcome])}
        </p>
      )}
      {outcome !== null && (
        <p className="login__public">
          <Link to={next}>{t('verifyEmail.next')}</Link>
        </p>
      )}
    </StandalonePage>
  );
}
