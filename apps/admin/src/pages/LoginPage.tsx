import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { failureText, type ApiFailure } from '../api/failure';
import { login } from '../auth/auth-actions';
import { sessionStore } from '../auth/session-store';
import { useSession } from '../auth/useSession';
import { BrandMark } from '../components/BrandMark';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useToast } from '../components/Toast';
import { useI18n } from '../i18n/I18nProvider';

/** Only same-app paths: never send the user to another origin after login. */
function safeReturnPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const { t } = useI18n();
  const toast = useToast();
  const session = useSession();
  const [searchParams] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (failure) errorRef.current?.focus();
  }, [failure]);

  if (session.status === 'authenticated')
    return <Navigate to={safeReturnPath(searchParams.get('next'))} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setFailure(null);
    const result = await login(email.trim(), password);
    setSubmitting(false);
    if (result) {
      setFailure(result);
      return;
    }
    const signedIn = sessionStore.getState();
    if (signedIn.status === 'authenticated')
      toast.show(t('login.welcome', { name: signedIn.me.user?.name ?? email }));
  }

  const expired = session.status === 'anonymous' && session.ended === 'expired';
  return (
    <div className="login">
      <header className="login__top">
        <BrandMark />
        <LanguageSwitch />
      </header>
      <main id="main" className="login__main">
        <form className="card login__card" onSubmit={submit} aria-labelledby="login-title">
          <h1 id="login-title">{t('login.title')}</h1>
          <p className="muted">{t('login.intro')}</p>
          {expired && !failure && <p className="notice notice--info">{t('login.sessionExpired')}</p>}
          {failure && (
            <p className="notice notice--error" role="alert" tabIndex={-1} ref={errorRef}>
              <strong>{t('login.failed')}</strong> {failureText(failure, t)}
            </p>
          )}
          <div className="field">
            <label htmlFor="login-email">{t('login.email')}</label>
            <input
              id="login-email"
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <button type="submit" className="button button--primary button--block" disabled={submitting}>
            {submitting ? t('login.submitting') : t('login.submit')}
          </button>
          <p className="login__public">
            <Link to="/signup">{t('signup.link')}</Link>
          </p>
          <p className="login__public">
            <Link to="/public">{t('public.login')}</Link>
          </p>
        </form>
      </main>
      <footer className="login__footer">
        <span>{t('app.subtitle')}</span>
        <span>{t('login.footer')}</span>
      </footer>
    </div>
  );
}
