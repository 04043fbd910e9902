import { useState } from 'react';
import { failureText, type ApiFailure } from '../api/failure';
import { useI18n } from '../i18n/I18nProvider';
import { Dialog } from './Dialog';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): Promise<ApiFailure | null>;
  onClose(): void;
}

/** "Are you sure?" for an action that cannot be undone; a refusal from the API is shown in place. */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  danger,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  function close() {
    setFailure(null);
    onClose();
  }

  async function confirm() {
    setBusy(true);
    const result = await onConfirm();
    setBusy(false);
    if (result) setFailure(result);
    else close();
  }

  return (
    <Dialog open={open} title={title} onClose={close}>
      <p>{body}</p>
      {failure && (
        <p className="notice notice--error" role="alert">
          {failureText(failure, t)}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={close}>
          {t('action.back')}
        </button>
        <button
          type="button"
          className={danger ? 'button button--danger' : 'button button--primary'}
          onClick={confirm}
          disabled={busy}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
