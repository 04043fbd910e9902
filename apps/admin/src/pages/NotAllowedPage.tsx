import { Link } from 'react-router';
import { useCurrentUser } from '../auth/current-user';
import { EmptyState } from '../components/StatusViews';
import { useI18n } from '../i18n/I18nProvider';

/** Shown instead of a page the user's role may not open. */
export function NotAllowedPage() {
  const { t } = useI18n();
  const { role } = useCurrentUser();
  return (
    <EmptyState title={t('notAllowed.title')} icon="⛔" headingLevel={1}>
      <p>{t('notAllowed.body', { role: role ? t(`role.${role}`) : '—' })}</p>
      <Link className="button button--primary" to="/">
        {t('page.backToDashboard')}
      </Link>
    </EmptyState>
  );
}
