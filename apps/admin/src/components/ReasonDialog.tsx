import { useState, type FormEvent } from 'react';
import { failureText, type ApiFailure } from '../api/failure';
import { useI18n } from '../i18n/I18nProvider';
import { Dialog } from './Dialog';

interface ReasonDialogProps {
  open: boolean;
  title: string;
  intro?: string;
  confirmLabel: string;
  /** the reason is required (reject, suspend) or may be left empty (release) */
  required?: boolean;
  onConfirm(reason: string): Promise<ApiFailure | null>;
  onClose(): void;
}

const MIN_REASON = 3;

/** Asks for the reason of a decision; the API's problem is shown in the dialog, which stays open to fix it. */
export function ReasonDialog({
  open,
  title,
  intro,
  confirmLabel,
  required = true,
  onConfirm,
  onClose,
}: ReasonDialogProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [touched, setTouched] = useState(false);

  const tooShort = required && reason.trim().length < MIN_REASON;
  const showInvalid = touched && tooShort;

  function close() {
    setReason('');
    setFailure(null);
    setTouched(false);
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (tooShort) return;
    setBusy(true);
    const result = await onConfirm(reason.trim());
    setBusy(false);
    if (result) setFailure(result);
    else close();
  }

  return (
    <Dialog open={open} title={title} onClose={close}>
      <form onSubmit={submit} noValidate>
        {intro && <p className="muted">{intro}</p>}
        {failure && (
          <p className="notice notice--error" role="alert">
            {failureText(failure, t)}
          </p>
        )}
        <div className="field">
          <label htmlFor="reason-text">{required ? t('reason.label') : t('reason.optionalLabel')}</label>
          <textarea
            id="reason-text"
            rows={3}
            value={reason}
            required={required}
            aria-invalid={showInvalid || undefined}
            aria-describedby={showInvalid ? 'reason-error' : undefined}
            onChange={(event) => setReason(event.target.value)}
          />
          {showInvalid && (
            <p id="reason-error" className="field__error">
              {t('reason.tooShort', { min: MIN_REASON })}
            </p>
          )}
        </div>
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={close}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="button button--danger" disabled={busy}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
