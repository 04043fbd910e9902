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
  /**
   * How soon the column gives way when the table is narrow (a laptop, a side panel): 1 (the default) always shows;
   * 2 hides when the table's frame is narrower than 56rem, 3 when narrower than 72rem. On a phone, where rows are
   * cards, every column shows.
   */
  priority?: 1 | 2 | 3;
  /**
   * Long text is clamped (to two lines) instead of widening the table; the full text shows on hover (the cell's
   * `title`), on keyboard focus of the row's controls, and is read whole by screen readers.
   */
  truncate?: boolean;
  /** the full text for the hover of a truncated cell; by default the cell itself when it is text */
  title?(row: Row): string | undefined;
  /** a stable React key when the header is not unique or empty (e.g. a selection column) */
  id?: string;
}

/** The full text of a truncated cell: the column's `title`, or the cell when it is plain text. */
function cellTitle<Row>(column: Column<Row>, row: Row, content: ReactNode): string | undefined {
  if (column.title) return column.title(row);
  return typeof content === 'string' || typeof content === 'number' ? String(content) : undefined;
}

function columnKey(column: Column<unknown>): string {
  return column.id ?? column.header;
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
    <th
      scope="col"
      className={column.className}
      aria-sort={direction}
      data-priority={column.priority && column.priority > 1 ? column.priority : undefined}
    >
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
 * A plain, accessible table in a keyboard-scrollable frame whose header row stays in view while the rows scroll.
 * It fits its width: low-priority columns give way as the frame narrows (a CSS container query on the frame) and
 * long text is clamped with the full text on hover. On a phone each row becomes a card (CSS, see mobile.css): every
 * cell carries its column's header as `data-label`, the sortable headers become sort buttons above the cards, and
 * nothing scrolls sideways.
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
                  key={columnKey(column as Column<unknown>)}
                  column={column as Column<unknown>}
                  sort={sort ?? ''}
                  onSortChange={onSortChange}
                />
              ) : (
                <th
                  key={columnKey(column as Column<unknown>)}
                  scope="col"
                  className={column.className}
                  data-priority={column.priority && column.priority > 1 ? column.priority : undefined}
                >
                  {column.header}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => {
                const content = column.cell(row);
                return (
                  <td
                    key={columnKey(column as Column<unknown>)}
                    className={column.className}
                    data-label={column.header}
                    data-card={column.card ?? (column.header === t('table.actions') ? 'actions' : undefined)}
                    data-priority={column.priority && column.priority > 1 ? column.priority : undefined}
                  >
                    {column.truncate ? (
                      <span className="cell-truncate" title={cellTitle(column, row, content)}>
                        {content}
                      </span>
                    ) : (
                      content
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
