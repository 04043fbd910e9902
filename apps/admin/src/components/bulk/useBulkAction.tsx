import { useState, type ReactElement } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { idempotencyKey, mutate } from '../../api/mutate';
import type { ApiResult } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/id';
import type { Column } from '../DataTable';
import { BulkDialog } from './BulkDialog';
import { BulkBar, selectColumn, useSelection, type Selection } from './selection';

/**
 * The verbs a bulk action can have: those with a `bulk.<verb>Confirm` text. Each also needs `bulk.<verb>Selected` (the
 * bar's button), `bulk.<verb>Title` and `bulk.<verb>Body` (the dialog), else the texts below do not typecheck.
 */
export type BulkVerb = { [K in MessageKey]: K extends `bulk.${infer Verb}Confirm` ? Verb : never }[MessageKey];

/** What a bulk action sends: the ticked ids, the reason typed (if asked for) and a fresh Idempotency-Key. */
export interface BulkRequest {
  ids: string[];
  /** '' when the action asks for no reason */
  reason: string;
  params: { header: { 'Idempotency-Key': string } };
}

export interface BulkAction {
  verb: BulkVerb;
  /** a refusal: a secondary button in the bar and a danger button in the dialog */
  danger?: boolean;
  /** ask for a reason (required) that goes with every item */
  withReason?: boolean;
  run(request: BulkRequest): Promise<ApiResult<Schemas['BulkResponse']>>;
}

interface BulkActionOptions<Row extends { id: string }> {
  /** the rows on the current page */
  rows: readonly Row[];
  /** the rows the actions may apply to (default: all); the others have no checkbox */
  selectable?: (row: Row) => boolean;
  /** a readable name of a row (in the checkbox's label and the dialog's results) */
  nameOf(row: Row): string;
  actions: readonly [BulkAction, ...BulkAction[]];
  /** at least one item was done: reload the list */
  onChanged(): void;
}

export interface BulkActionParts<Row> {
  selection: Selection;
  /** the checkbox column, first in the table */
  column: Column<Row>;
  /** above the table: select all, the count and one button per action */
  bar: ReactElement;
  /** the "are you sure?"/results dialog of the action being run */
  dialog: ReactElement;
}

/**
 * The wiring of a list's bulk actions: the ticked rows, their checkbox column, the bar with one button per action and
 * the dialog that runs the chosen one. After a run that changed something the ticks are cleared and the list reloaded.
 */
export function useBulkAction<Row extends { id: string }>({
  rows,
  selectable = () => true,
  nameOf,
  actions,
  onChanged,
}: BulkActionOptions<Row>): BulkActionParts<Row> {
  const { t } = useI18n();
  const [running, setRunning] = useState<BulkAction | null>(null);
  const selectableIds = rows.filter(selectable).map((row) => row.id);
  const selection = useSelection(selectableIds);
  const count = selection.ids.length;
  const nameOfId = (id: string) => {
    const row = rows.find((candidate) => candidate.id === id);
    return row ? nameOf(row) : id;
  };

  const column = selectColumn<Row>(
    t('bulk.selectColumn'),
    selection,
    (row) => row.id,
    (row) => t('bulk.selectRow', { name: nameOf(row) }),
    selectable,
  );

  const bar = (
    <BulkBar selectableIds={selectableIds} selection={selection}>
      {actions.map((action) => (
        <button
          key={action.verb}
          type="button"
          className={action.danger ? 'button button--secondary button--small' : 'button button--primary button--small'}
          disabled={count === 0}
          onClick={() => setRunning(action)}
        >
          {t(`bulk.${action.verb}Selected`, { count })}
        </button>
      ))}
    </BulkBar>
  );

  // closed (not shown), the dialog holds the first action's texts
  const shown = running ?? actions[0];
  const dialog = (
    <BulkDialog
      open={running !== null}
      title={t(`bulk.${shown.verb}Title`)}
      body={t(`bulk.${shown.verb}Body`, { count })}
      confirmLabel={t(`bulk.${shown.verb}Confirm`, { count })}
      danger={running?.danger}
      withReason={running?.withReason}
      nameOf={nameOfId}
      run={(reason) => {
        const request = {
          ids: selection.ids as string[],
          reason: reason ?? '',
          params: { header: { 'Idempotency-Key': idempotencyKey() } },
        };
        return mutate(() => shown.run(request));
      }}
      onClose={(changed) => {
        setRunning(null);
        if (changed) {
          selection.clear();
          onChanged();
        }
      }}
    />
  );

  return { selection, column, bar, dialog };
}
