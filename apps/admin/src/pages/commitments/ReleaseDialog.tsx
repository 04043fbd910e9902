import { api } from '../../api/client';
import { idempotencyKey, mutate } from '../../api/mutate';
import { ReasonDialog } from '../../components/ReasonDialog';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import type { Allocation } from './allocation-parts';

/** Give a claim back (its quantity returns to the need), with an optional reason. */
export function ReleaseDialog({
  allocation,
  onClose,
  onReleased,
}: {
  allocation: Allocation | null;
  onClose(): void;
  onReleased(): void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  return (
    <ReasonDialog
      open={allocation !== null}
      required={false}
      title={t('allocations.releaseTitle')}
      intro={allocation ? t('allocations.releaseIntro', { title: allocation.needTitle }) : undefined}
      confirmLabel={t('allocations.release')}
      onConfirm={async (reason) => {
        if (!allocation) return null;
        const result = await mutate(() =>
          api.POST('/api/v1/allocations/{id}/release', {
            params: { path: { id: allocation.id }, header: { 'Idempotency-Key': idempotencyKey() } },
            body: reason ? { reason } : {},
          }),
        );
        if (!result.ok) return result.failure;
        toast.show(t('allocations.released', { title: allocation.needTitle }));
        onReleased();
        return null;
      }}
      onClose={onClose}
    />
  );
}
