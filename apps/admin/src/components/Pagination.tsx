import { useI18n } from '../i18n/I18nProvider';

interface PaginationProps {
  page: number;
  limit: number;
  total: number;
  onPageChange(page: number): void;
}

export function Pagination({ page, limit, total, onPageChange }: PaginationProps) {
  const { t, format } = useI18n();
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <p className="pagination__summary">
        {t('pagination.summary', {
          page: format.number(page),
          pages: format.number(pages),
          total: format.number(total),
        })}
      </p>
      <div className="pagination__buttons">
        <button
          type="button"
          className="button button--secondary"
          disabled={page <= 1}
          onClick={() => onPageChange(page - 1)}
        >
          ‹ {t('pagination.previous')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={page >= pages}
          onClick={() => onPageChange(page + 1)}
        >
          {t('pagination.next')} ›
        </button>
      </div>
    </nav>
  );
}
