import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { BrandMark } from '../../components/BrandMark';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useI18n } from '../../i18n/I18nProvider';
import './public-site.css';

/** The frame of every public page: brand, the site's two destinations, the language toggle and the login link. */
export function PublicShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="public">
      <header className="login__top site__top">
        <BrandMark />
        <nav className="site__nav" aria-label={t('site.nav')}>
          <NavLink className="site__link" to="/public" end>
            {t('site.home')}
          </NavLink>
          <NavLink className="site__link" to="/bast">
            {t('site.verifyNav')}
          </NavLink>
        </nav>
        <div className="topbar__actions site__actions">
          <LanguageSwitch />
          <Link className="button button--secondary" to="/login">
            {t('login.submit')}
          </Link>
        </div>
      </header>
      <main id="main" className="public__main stack">
        {children}
      </main>
      <footer className="login__footer">
        <span>{t('app.subtitle')}</span>
        <span>{t('login.footer')}</span>
      </footer>
    </div>
  );
}
