import { useState } from 'react';
import { api } from '../../api/client';
import { failureText, type ApiFailure } from '../../api/failure';
import { idempotencyKey, mutate } from '../../api/mutate';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ReasonDialog } from '../../components/ReasonDialog';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import type { Handover } from './handover-parts';

/** Pokja's decision on a submitted handover: verify (acknowledging duplicate recipients, if any) or reject. */
export function HandoverReview({ handover, onDecided }: { handover: Handover; onDecided(): void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [acknowledged, setAcknowledged] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const duplicates = handover.duplicateWarnings.length > 0;
  const params = () => ({ path: { id: handover.id }, header: { 'Idempotency-Key': idempotencyKey() } });

  /** Verifying is final (the BAST enters the public ledger): the dialog asks first and shows a refusal in place. */
  async function verify(): Promise<ApiFailure | null> {
    setBusy(true);
    setFailure(null);
    const result = await mutate(() =>
      api.POST('/api/v1/handovers/{id}/verify', {
        params: params(),
        body: duplicates ? { acknowledgeDuplicates: true } : {},
      }),
    );
    setBusy(false);
    if (!result.ok) return result.failure;
    toast.show(t('handovers.verified', { number: handover.bastNumber }));
    onDecided();
    return null;
  }

  async function reject(reason: string): Promise<ApiFailure | null> {
    const result = await mutate(() =>
      api.POST('/api/v1/handovers/{id}/reject', { params: params(), body: { reason } }),
    );
    if (!result.ok) return result.failure;
    toast.show(t('handovers.rejected', { number: handover.bastNumber }));
    onDecided();
    return null;
  }

  return (
    <section className="card stack" aria-labelledby="review-title">
      <h2 id="review-title">{t('handovers.review')}</h2>
      <p className="muted">{t('handovers.reviewIntro')}</p>
      {failure && (
        <p className="notice notice--error" role="alert">
          {failureText(failure, t)}
        </p>
      )}
      {duplicates && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={acknowledged}
            onChange={(event) => setAcknowledged(event.target.checked)}
          />
          {t('handovers.acknowledgeDuplicates')}
        </label>
      )}
      <div className="row-actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => setConfirming(true)}
          disabled={busy || (duplicates && !acknowledged)}
        >
          {t('handovers.verify')}
        </button>
        <button type="button" className="button button--danger" onClick={() => setRejecting(true)}>
          {t('handovers.reject')}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('confirm.verifyHandoverTitle', { number: handover.bastNumber })}
        body={t('confirm.verifyHandoverBody')}
        confirmLabel={t('handovers.verify')}
        onConfirm={verify}
        onClose={() => setConfirming(false)}
      />
      <ReasonDialog
        open={rejecting}
        title={t('handovers.rejectTitle')}
        intro={t('handovers.rejectIntro')}
        confirmLabel={t('handovers.reject')}
        onConfirm={reject}
        onClose={() => setRejecting(false)}
      />
    </section>
  );
}
