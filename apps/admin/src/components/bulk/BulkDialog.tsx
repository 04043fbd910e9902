import { useState, type FormEvent } from 'react';
import type { Problem, Schemas } from '@ksbb/api-client';
import { failureText, type ApiFailure } from '../../api/failure';
import type { MutationResult } from '../../api/mutate';
import { useI18n } from '../../i18n/I18nProvider';
import { Dialog } from '../Dialog';

type BulkResponse = Schemas['BulkResponse'];
type BulkItem = Schemas['BulkItemResult'];

const MIN_REASON = 3;

interface BulkDialogProps {
  open: boolean;
  title: string;
  /** what will happen to the items, naming how many */
  body: string;
  confirmLabel: string;
  danger?: boolean;
  /** ask for a reason (required) that goes with every item */
  withReason?: boolean;
  /** a readable name of an item (its title, its name) for the results */
  nameOf(id: string): string;
  run(reason?: string): Promise<MutationResult<BulkResponse>>;
  /** closed; `changed` when at least one item was done (reload the list) */
  onClose(changed: boolean): void;
}

/** The admin's own text for an item's failure (its problem code), else the API's detail. */
function itemFailureText(item: BulkItem, t: Parameters<typeof failureText>[1]): string {
  const problem = {
    type: 'about:blank',
    title: '',
    status: item.status,
    code: item.code,
    detail: item.detail ?? '',
  } as Problem;
  return failureText({ kind: 'problem', problem }, t);
}

/**
 * A bulk action in two steps: "are you sure?" naming how many items and what happens (with a reason when one is
 * needed), then what became of each item: done, or refused and why. Only the first step can be cancelled.
 */
export function BulkDialog({
  open,
  title,
  body,
  confirmLabel,
  danger,
  withReason,
  nameOf,
  run,
  onClose,
}: BulkDialogProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [results, setResults] = useState<BulkResponse | null>(null);
  const tooShort = Boolean(withReason) && reason.trim().length < MIN_REASON;

  function close() {
    const changed = (results?.succeeded ?? 0) > 0;
    setReason('');
    setTouched(false);
    setFailure(null);
    setResults(null);
    onClose(changed);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (tooShort) return;
    setBusy(true);
    const outcome = await run(withReason ? reason.trim() : undefined);
    setBusy(false);
    if (outcome.ok) setResults(outcome.data);
    else setFailure(outcome.failure);
  }

  return (
    <Dialog open={open} title={title} onClose={close}>
      {results ? (
        <div className="bulk-results">
          <p role="status">
            {t('bulk.summary', { succeeded: results.succeeded, failed: results.failed })}
          </p>
          <ul className="bulk-results__list">
            {results.results.map((item) => (
              <li
                key={item.id}
                className={item.ok ? 'bulk-results__item bulk-results__item--ok' : 'bulk-results__item bulk-results__item--failed'}
              >
                <span aria-hidden="true">{item.ok ? '✓' : '✕'}</span>{' '}
                <strong>{nameOf(item.id)}</strong>
                {': '}
                {item.ok ? t('bulk.itemDone') : `${t('bulk.itemFailed')} — ${itemFailureText(item, t)}`}
              </li>
            ))}
          </ul>
          <div className="dialog__actions">
            <button type="button" className="button button--primary" onClick={close}>
              {t('bulk.done')}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{body}</p>
          {failure && (
            <p className="notice notice--error" role="alert">
              {failureText(failure, t)}
            </p>
          )}
          {withReason && (
            <div className="field">
              <label htmlFor="bulk-reason">{t('reason.label')}</label>
              <textarea
                id="bulk-reason"
                rows={3}
                value={reason}
                required
                aria-invalid={(touched && tooShort) || undefined}
                aria-describedby={touched && tooShort ? 'bulk-reason-error' : undefined}
                onChange={(event) => setReason(event.target.value)}
              />
              {touched && tooShort && (
                <p id="bulk-reason-error" className="field__error">
                  {t('reason.tooShort', { min: MIN_REASON })}
                </p>
              )}
            </div>
          )}
          <div className="dialog__actions">
            <button type="button" className="button button--secondary" onClick={close}>
              {t('action.cancel')}
            </button>
            <button type="submit" className={danger ? 'button button--danger' : 'button button--primary'} disabled={busy}>
              {busy ? t('bulk.working') : confirmLabel}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
