import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

export interface Column<Row> {
  header: string;
  cell(row: Row): ReactNode;
  /** e.g. "num" to right-align numbers */
  className?: string;
  /** the API's sort field for this column; makes the header a sort button */
  sortKey?: string;
  /**
   * How the cell shows on a phone, where each row is a card: `title` is the card's heading (full width, no label),
   * `actions` its buttons (full width, at the bottom); others are a label and a value.
   */
  card?: 'title' | 'actions';
}

interface DataTableProps<Row> {
  caption: string;
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey(row: Row): string;
  /** the current sort, `field` or `-field` */
  sort?: string;
  onSortChange?(sort: string): void;
}

function SortHeader({
  column,
  sort,
  onSortChange,
}: {
  column: Column<unknown>;
  sort: string;
  onSortChange(sort: string): void;
}) {
  const { t } = useI18n();
  const key = column.sortKey ?? '';
  const direction = sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : 'none';
  const next = direction === 'ascending' ? `-${key}` : key;
  return (
    <th scope="col" className={column.className} aria-sort={direction}>
      <button
        type="button"
        className="sort-button"
        onClick={() => onSortChange(next)}
        aria-label={t('table.sortBy', { column: column.header })}
      >
        {column.header}
        <span aria-hidden="true" className="sort-button__arrow">
          {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}

/**
 * A plain, accessible table in a keyboard-scrollable frame. On a phone each row becomes a card (CSS, see
 * mobile.css): every cell carries its column's header as `data-label`, the sortable headers become sort buttons
 * above the cards, and nothing scrolls sideways.
 */
export function DataTable<Row>({ caption, rows, columns, rowKey, sort, onSortChange }: DataTableProps<Row>) {
  const { t } = useI18n();
  return (
    <div
      className="table-frame"
      role="region"
      aria-label={t('a11y.scrollableTable', { name: caption })}
      tabIndex={0}
    >
      <table className="data-table data-table--cards">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) =>
              column.sortKey && onSortChange ? (
                <SortHeader
                  key={column.header}
                  column={column as Column<unknown>}
                  sort={sort ?? ''}
                  onSortChange={onSortChange}
                />
              ) : (
                <th key={column.header} scope="col" className={column.className}>
                  {column.header}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td
                  key={column.header}
                  className={column.className}
                  data-label={column.header}
                  data-card={column.card ?? (column.header === t('table.actions') ? 'actions' : undefined)}
                >
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
