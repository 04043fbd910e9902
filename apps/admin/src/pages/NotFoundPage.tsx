import { Link } from 'react-router';
import { EmptyState } from '../components/StatusViews';
import { useI18n } from '../i18n/I18nProvider';

export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <EmptyState title={t('notFound.title')} icon="?" headingLevel={1}>
      <p>{t('notFound.body')}</p>
      <Link className="button button--primary" to="/">
        {t('page.backToDashboard')}
      </Link>
    </EmptyState>
  );
}
