import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { LoadingState } from '../components/StatusViews';
import { useI18n } from '../i18n/I18nProvider';
import { AppHeader } from './AppHeader';
import { SideNav } from './SideNav';

/**
 * The signed-in frame: skip link, header, role-aware navigation and the routed page. On narrow screens the
 * navigation is a drawer behind the header's menu button (Escape or a link closes it, focus returns to the button).
 */
export default function AppLayout() {
  const { t } = useI18n();
  const mainRef = useRef<HTMLElement>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();

  const closeMenu = useCallback((returnFocus: boolean) => {
    setMenuOpen(false);
    if (returnFocus) menuButtonRef.current?.focus();
  }, []);

  // following a link closes the drawer
  useEffect(() => setMenuOpen(false), [pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeMenu(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen, closeMenu]);

  return (
    <div className={menuOpen ? 'shell shell--menu-open' : 'shell'}>
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
      <AppHeader
        menuOpen={menuOpen}
        menuButtonRef={menuButtonRef}
        onMenuToggle={() => (menuOpen ? closeMenu(false) : setMenuOpen(true))}
      />
      <div className="shell__body">
        <SideNav open={menuOpen} onClose={() => closeMenu(true)} />
        {menuOpen && <div className="shell__backdrop" aria-hidden="true" onClick={() => closeMenu(true)} />}
        <main id="main" ref={mainRef} className="shell__main" tabIndex={-1}>
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
