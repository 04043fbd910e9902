import type { ReactNode } from 'react';
import { BrandMark } from '../../components/BrandMark';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useI18n } from '../../i18n/I18nProvider';

/** The sign-in page's frame (brand, language switch, footer) around a wider card: sign-up and its follow-ups. */
export function StandalonePage({ titleId, children }: { titleId: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="login">
      <header className="login__top">
        <BrandMark />
        <LanguageSwitch />
      </header>
      <main id="main" className="login__main">
        <section className="card login__card signup__card" aria-labelledby={titleId}>
          {children}
        </section>
      </main>
      <footer className="login__footer">
        <span>{t('app.subtitle')}</span>
        <span>{t('login.footer')}</span>
      </footer>
    </div>
  );
}
