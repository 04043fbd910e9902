import './bulk.css';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Column } from '../DataTable';
import { useI18n } from '../../i18n/I18nProvider';

/** The rows ticked on the current page of a list (a bulk action applies to them). */
export interface Selection {
  ids: readonly string[];
  has(id: string): boolean;
  toggle(id: string): void;
  setMany(ids: readonly string[], selected: boolean): void;
  clear(): void;
}

/**
 * The ticked rows of a paged list. `pageIds` are the ids shown now: a tick for a row no longer shown (another page, a
 * changed filter, a reload after the action) is dropped, so an action never applies to something out of sight.
 */
export function useSelection(pageIds: readonly string[]): Selection {
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const pageKey = pageIds.join(',');
  useEffect(() => {
    const shown = new Set(pageKey ? pageKey.split(',') : []);
    setPicked((current) => {
      const kept = [...current].filter((id) => shown.has(id));
      return kept.length === current.size ? current : new Set(kept);
    });
  }, [pageKey]);
  const toggle = useCallback((id: string) => {
    setPicked((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const setMany = useCallback((ids: readonly string[], selected: boolean) => {
    setPicked((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (selected) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  const clear = useCallback(() => setPicked(new Set()), []);
  return useMemo(
    () => ({ ids: [...picked], has: (id: string) => picked.has(id), toggle, setMany, clear }),
    [picked, toggle, setMany, clear],
  );
}

/**
 * The first column of a list with bulk actions: a labelled checkbox per row (Space toggles it). Rows that the actions
 * cannot apply to (`selectable` false) show no checkbox.
 */
export function selectColumn<Row>(
  header: string,
  selection: Selection,
  idOf: (row: Row) => string,
  labelOf: (row: Row) => string,
  selectable: (row: Row) => boolean = () => true,
): Column<Row> {
  return {
    header,
    className: 'select-cell',
    cell: (row) =>
      selectable(row) ? (
        <input
          type="checkbox"
          className="select-cell__box"
          checked={selection.has(idOf(row))}
          onChange={() => selection.toggle(idOf(row))}
          aria-label={labelOf(row)}
        />
      ) : null,
  };
}

/**
 * Above a list: "select all on this page", how many are ticked, the bulk actions (`children`, given the ticked ids)
 * and "clear". The actions are disabled while nothing is ticked.
 */
export function BulkBar({
  selectableIds,
  selection,
  children,
}: {
  /** the ids on this page the actions may apply to */
  selectableIds: readonly string[];
  selection: Selection;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const count = selection.ids.length;
  const all = selectableIds.length > 0 && selectableIds.every((id) => selection.has(id));
  const some = !all && selectableIds.some((id) => selection.has(id));
  return (
    <div className="bulk-bar" role="group" aria-label={t('bulk.barLabel')}>
      <label className="bulk-bar__all">
        <input
          type="checkbox"
          checked={all}
          ref={(el) => {
            if (el) el.indeterminate = some;
          }}
          disabled={selectableIds.length === 0}
          onChange={() => selection.setMany(selectableIds, !all)}
        />{' '}
        {t('bulk.selectPage')}
      </label>
      <span className="bulk-bar__count" aria-live="polite">
        {t('bulk.selected', { count })}
      </span>
      <div className="bulk-bar__actions">
        {children}
        {count > 0 && (
          <button type="button" className="button button--ghost button--small" onClick={selection.clear}>
            {t('bulk.clear')}
          </button>
        )}
      </div>
    </div>
  );
}
