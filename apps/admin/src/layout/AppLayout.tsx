import { Suspense, useRef } from 'react';
import { Outlet } from 'react-router';
import { LoadingState } from '../components/StatusViews';
import { useI18n } from '../i18n/I18nProvider';
import { AppHeader } from './AppHeader';
import { SideNav } from './SideNav';

/** The signed-in frame: skip link, header, role-aware navigation and the routed page. */
export default function AppLayout() {
  const { t } = useI18n();
  const mainRef = useRef<HTMLElement>(null);
  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('a11y.skipToContent')}
      </a>
      <AppHeader />
      <div className="shell__body">
        <SideNav />
        <main id="main" ref={mainRef} className="shell__main" tabIndex={-1}>
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
