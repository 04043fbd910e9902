import { useState } from 'react';
import { api } from '../../api/client';
import type { ApiFailure } from '../../api/failure';
import { idempotencyKey, mutate } from '../../api/mutate';
import { useCurrentUser } from '../../auth/current-user';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import type { Handover } from './handover-parts';

/**
 * The kelurahan officer's electronic confirmation as the witness: who and when once given (for every reader of the
 * handover), and for the officer of the area the button to give it while the handover awaits verification.
 */
export function KelurahanConfirmation({ handover, onConfirmed }: { handover: Handover; onConfirmed(): void }) {
  const { t, format } = useI18n();
  const { role } = useCurrentUser();
  const toast = useToast();
  const [asking, setAsking] = useState(false);
  const confirmation = handover.kelurahanConfirmation;
  const mayConfirm = role === 'kelurahan' && !confirmation && handover.status === 'submitted';

  async function confirm(): Promise<ApiFailure | null> {
    const result = await mutate(() =>
      api.POST('/api/v1/handovers/{id}/kelurahan-confirmation', {
        params: { path: { id: handover.id }, header: { 'Idempotency-Key': idempotencyKey() } },
      }),
    );
    if (!result.ok) return result.failure;
    toast.show(t('kelConfirm.done', { number: handover.bastNumber }), 'success');
    onConfirmed();
    return null;
  }

  return (
    <section className="card stack" aria-labelledby="ho-kelurahan-title" data-testid="kelurahan-confirmation">
      <h2 id="ho-kelurahan-title" className="card__title">
        {t('kelConfirm.title')}
      </h2>
      {confirmation ? (
        <p>
          {t('kelConfirm.by', { name: confirmation.name, when: format.dateTime(confirmation.confirmedAt) })}
        </p>
      ) : (
        <p className="muted">{t('kelConfirm.none')}</p>
      )}
      {role === 'kelurahan' && !confirmation && handover.status !== 'submitted' && (
        <p className="muted small">{t('kelConfirm.closed')}</p>
      )}
      {mayConfirm && (
        <div className="row-actions">
          <button type="button" className="button button--primary" onClick={() => setAsking(true)}>
            {t('kelConfirm.action')}
          </button>
        </div>
      )}
      <ConfirmDialog
        open={asking}
        title={t('kelConfirm.dialogTitle', { number: handover.bastNumber })}
        body={t('kelConfirm.dialogBody')}
        confirmLabel={t('kelConfirm.action')}
        onConfirm={confirm}
        onClose={() => setAsking(false)}
      />
    </section>
  );
}
