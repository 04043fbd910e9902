import { NavLink } from 'react-router';
import { useCurrentUser } from '../auth/current-user';
import { useI18n } from '../i18n/I18nProvider';
import { navItemsFor } from '../navigation';

/** Only the pages the user's role may open. */
export function SideNav() {
  const { t } = useI18n();
  const { role } = useCurrentUser();
  return (
    <nav className="sidenav" aria-label={t('a11y.mainNav')}>
      <ul className="sidenav__list">
        {navItemsFor(role).map((item) => (
          <li key={item.id}>
            <NavLink to={item.path} end={item.path === '/'} className="sidenav__link">
              {t(item.labelKey)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
