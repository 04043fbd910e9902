import { useEffect, useRef } from 'react';
import { NavLink } from 'react-router';
import { useCurrentUser } from '../auth/current-user';
import { useI18n } from '../i18n/I18nProvider';
import { navItemsFor, navLabelKey } from '../navigation';

export const MAIN_NAV_ID = 'main-nav';

interface SideNavProps {
  /** the drawer is open (narrow screens only; wide screens always show the navigation) */
  open?: boolean;
  onClose?(): void;
}

/** Only the pages the user's role may open. */
export function SideNav({ open = false, onClose }: SideNavProps) {
  const { t } = useI18n();
  const { role } = useCurrentUser();
  const navRef = useRef<HTMLElement>(null);

  // an opened drawer takes the focus to its first link
  useEffect(() => {
    if (open) navRef.current?.querySelector<HTMLElement>('a, button')?.focus();
  }, [open]);

  return (
    <nav
      id={MAIN_NAV_ID}
      ref={navRef}
      className={open ? 'sidenav sidenav--open' : 'sidenav'}
      aria-label={t('a11y.mainNav')}
    >
      <button type="button" className="button button--ghost sidenav__close" onClick={onClose}>
        {t('nav.closeMenu')}
      </button>
      <ul className="sidenav__list">
        {navItemsFor(role).map((item) => (
          <li key={item.id}>
            <NavLink to={item.path} end={item.path === '/'} className="sidenav__link">
              {t(navLabelKey(item, role))}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
