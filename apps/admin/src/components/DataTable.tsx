import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

export interface Column<Row> {
  header: string;
  cell(row: Row): ReactNode;
  /** e.g. "num" to right-align numbers */
  className?: string;
}

interface DataTableProps<Row> {
  caption: string;
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey(row: Row): string;
}

/** A plain, accessible table in a keyboard-scrollable frame (narrow screens scroll it sideways). */
export function DataTable<Row>({ caption, rows, columns, rowKey }: DataTableProps<Row>) {
  const { t } = useI18n();
  return (
    <div
      className="table-frame"
      role="region"
      aria-label={t('a11y.scrollableTable', { name: caption })}
      tabIndex={0}
    >
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.header} className={column.className}>
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
