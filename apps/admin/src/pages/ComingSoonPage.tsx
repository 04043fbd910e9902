import { Link } from 'react-router';
import { useCurrentUser } from '../auth/current-user';
import { EmptyState } from '../components/StatusViews';
import type { MessageKey } from '../i18n/id';
import { useI18n } from '../i18n/I18nProvider';

/** The placeholder for a page whose screens are not built yet; reachable only by its roles. */
export default function ComingSoonPage({ titleKey }: { titleKey: MessageKey }) {
  const { t } = useI18n();
  const { me } = useCurrentUser();
  const membership = me.collaborator ?? me.aggregator;
  const title = t(titleKey);
  return (
    <EmptyState title={title} badge={t('comingSoon.badge')} icon="◔" headingLevel={1}>
      <p>{t('comingSoon.body', { page: title })}</p>
      {membership && <p>{t('comingSoon.member', { name: membership.name })}</p>}
      <Link className="button button--secondary" to="/">
        {t('page.backToDashboard')}
      </Link>
    </EmptyState>
  );
}
