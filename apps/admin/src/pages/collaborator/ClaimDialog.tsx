import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { failureText, type ApiFailure } from '../../api/failure';
import { idempotencyKey, mutate } from '../../api/mutate';
import { Dialog } from '../../components/Dialog';
import { controlProps, Field } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';
import { RegionName } from '../../components/RegionName';

type Need = Schemas['NeedResponse'];
type Commitment = Schemas['CommitmentResponse'];
type Allocation = Schemas['AllocationResponse'];

/** The approved commitments that can still claim units of this need's package. */
export function commitmentsFor(need: Need, approved: readonly Commitment[]) {
  return approved.flatMap((commitment) => {
    const item = commitment.items.find((candidate) => candidate.packageCode === need.package.code);
    return commitment.programCode === need.program.code && item && item.availableQuantity > 0
      ? [{ commitment, left: item.availableQuantity }]
      : [];
  });
}

interface ClaimDialogProps {
  need: Need | null;
  approved: readonly Commitment[];
  onClose(): void;
  onClaimed(allocation: Allocation): void;
}

/** Claim units of an open need against one of the collaborator's approved commitments. */
export function ClaimDialog({ need, approved, onClose, onClaimed }: ClaimDialogProps) {
  const { t, format } = useI18n();
  const options = need ? commitmentsFor(need, approved) : [];
  const [commitmentId, setCommitmentId] = useState('');
  const [quantity, setQuantity] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const chosen = options.find((option) => option.commitment.id === commitmentId);
  const most = need && chosen ? Math.min(need.availableQuantity, chosen.left) : 0;

  useEffect(() => {
    if (!need) return;
    const first = commitmentsFor(need, approved)[0];
    setCommitmentId(first?.commitment.id ?? '');
    setQuantity(first ? String(Math.min(need.availableQuantity, first.left)) : '');
    setFailure(null);
    setTouched(false);
  }, [need, approved]);

  const amount = Number(quantity);
  const quantityError =
    !/^\d+$/.test(quantity.trim()) || amount < 1
      ? t('validation.positiveInteger')
      : amount > most
        ? t('claim.tooMany', { most: format.number(most) })
        : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!need || !chosen || quantityError) return;
    setBusy(true);
    setFailure(null);
    const result = await mutate(() =>
      api.POST('/api/v1/allocations', {
        params: { header: { 'Idempotency-Key': idempotencyKey() } },
        body: { commitmentId: chosen.commitment.id, needId: need.id, quantity: amount },
      }),
    );
    setBusy(false);
    if (result.ok) onClaimed(result.data);
    else setFailure(result.failure);
  }

  return (
    <Dialog open={need !== null} title={t('claim.title')} onClose={onClose}>
      {need && (
        <form onSubmit={submit} noValidate>
          <p>
            <strong>{need.title}</strong>
            <br />
            <span className="muted">
              <RegionName code={need.region.code} /> ·{' '}
              {t('claim.available', {
                count: format.number(need.availableQuantity),
                unit: need.package.unit,
              })}
            </span>
          </p>
          {options.length === 0 ? (
            <p className="notice notice--info">
              {t('claim.noCommitment', { package: need.package.name })}{' '}
              <Link to="/my-commitments/new">{t('commitmentForm.title')}</Link>
            </p>
          ) : (
            <>
              {failure && (
                <p className="notice notice--error" role="alert">
                  {failureText(failure, t)}
                </p>
              )}
              <Field id="claim-commitment" label={t('claim.commitment')}>
                <select
                  id="claim-commitment"
                  value={commitmentId}
                  onChange={(event) => setCommitmentId(event.target.value)}
                >
                  {options.map(({ commitment, left }) => (
                    <option key={commitment.id} value={commitment.id}>
                      {commitment.number} · {t('claim.left', { count: format.number(left) })}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                id="claim-quantity"
                label={t('claim.quantity')}
                error={touched ? quantityError : undefined}
                hint={t('claim.most', { most: format.number(most), unit: need.package.unit })}
              >
                <input
                  {...controlProps('claim-quantity', touched ? quantityError : undefined, 'hint')}
                  type="number"
                  min={1}
                  max={most}
                  value={quantity}
                  onChange={(event) => setQuantity(event.target.value)}
                />
              </Field>
              <p className="muted small">{t('claim.holdNote')}</p>
            </>
          )}
          <div className="dialog__actions">
            <button type="button" className="button button--secondary" onClick={onClose}>
              {t('action.cancel')}
            </button>
            {options.length > 0 && (
              <button type="submit" className="button button--primary" disabled={busy}>
                {t('claim.submit')}
              </button>
            )}
          </div>
        </form>
      )}
    </Dialog>
  );
}
