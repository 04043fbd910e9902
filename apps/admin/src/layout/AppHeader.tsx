import { useState, type RefObject } from 'react';
import { logout } from '../auth/auth-actions';
import { useCurrentUser } from '../auth/current-user';
import { BrandMark } from '../components/BrandMark';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useToast } from '../components/Toast';
import { useI18n } from '../i18n/I18nProvider';
import { NotificationBell } from './NotificationBell';
import { MAIN_NAV_ID } from './SideNav';

interface AppHeaderProps {
  /** the navigation drawer (narrow screens) */
  menuOpen?: boolean;
  menuButtonRef?: RefObject<HTMLButtonElement | null>;
  onMenuToggle?(): void;
}

export function AppHeader({ menuOpen = false, menuButtonRef, onMenuToggle }: AppHeaderProps) {
  const { t } = useI18n();
  const toast = useToast();
  const { name, role } = useCurrentUser();
  const [leaving, setLeaving] = useState(false);

  async function signOut() {
    setLeaving(true);
    await logout(); // the session ends, so <RequireAuth> takes the user to the login page
    toast.show(t('logout.done'), 'info');
  }

  return (
    <header className="topbar">
      <button
        ref={menuButtonRef}
        type="button"
        className="button button--secondary topbar__menu"
        aria-expanded={menuOpen}
        aria-controls={MAIN_NAV_ID}
        onClick={onMenuToggle}
      >
        <span aria-hidden="true" className="topbar__menu-icon">
          ☰
        </span>
        {t('nav.menu')}
      </button>
      <BrandMark />
      <div className="topbar__actions">
        <NotificationBell />
        <div className="topbar__user" aria-label={t('header.user')} role="group">
          <span className="topbar__name">{name}</span>
          {role && <span className="badge badge--role">{t(`role.${role}`)}</span>}
        </div>
        <LanguageSwitch />
        <button type="button" className="button button--ghost" onClick={signOut} disabled={leaving}>
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}
