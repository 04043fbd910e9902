import type { ReactNode } from 'react';
import { failureText, type ApiFailure } from '../api/failure';
import { useI18n } from '../i18n/I18nProvider';

export function LoadingState({ fullPage = false }: { fullPage?: boolean }) {
  const { t } = useI18n();
  return (
    <div
      className={fullPage ? 'status-view status-view--page' : 'status-view'}
      role="status"
      aria-live="polite"
    >
      <span className="spinner" aria-hidden="true" />
      <span>{t('state.loading')}</span>
    </div>
  );
}

export function ErrorState({ failure, onRetry }: { failure: ApiFailure; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="status-view status-view--error" role="alert">
      <p className="status-view__title">{t('state.errorTitle')}</p>
      <p>{failureText(failure, t)}</p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  /** a short label above the title, e.g. "Coming soon" */
  badge?: string;
  /** decorative symbol */
  icon?: string;
  /** heading level: 1 when the empty state is the whole page */
  headingLevel?: 1 | 2;
}

export function EmptyState({ title, children, badge, icon = '○', headingLevel = 2 }: EmptyStateProps) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <section className="empty-state">
      <span className="empty-state__icon" aria-hidden="true">
        {icon}
      </span>
      {badge && <span className="badge badge--accent">{badge}</span>}
      <Heading className="empty-state__title">{title}</Heading>
      {children}
    </section>
  );
}
