import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { failureText, type ApiFailure } from '../../api/failure';
import { idempotencyKey, mutate } from '../../api/mutate';
import { useCurrentUser } from '../../auth/current-user';
import type { Role } from '../../auth/session-store';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { PdfButton } from '../../components/PdfButton';
import { ReasonDialog } from '../../components/ReasonDialog';
import { StatusBadge } from '../../components/StatusBadge';
import { COMMITMENT_TONE } from '../../components/status-tones';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useToast } from '../../components/Toast';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n, type I18n } from '../../i18n/I18nProvider';
import { allocationColumns, type Allocation } from './allocation-parts';
import { CommitmentItems, type Commitment } from './commitment-parts';
import { ReleaseDialog } from './ReleaseDialog';
import { SignForm } from './SignForm';

const LIST_PATH: Partial<Record<Role, string>> = {
  collaborator: '/my-commitments',
  aggregator: '/assignments',
};
const CANCELLABLE: readonly Commitment['status'][] = ['draft', 'submitted', 'approved'];

/** One commitment for every role that may see it; what can be done depends on the role and the status. */
export default function CommitmentDetailPage() {
  const { id = '' } = useParams();
  const i18n = useI18n();
  const { t } = i18n;
  const { role } = useCurrentUser();
  const commitment = useApiQuery(
    (signal) => api.GET('/api/v1/commitments/{id}', { params: { path: { id } }, signal }),
    [id],
  );
  const [signed, setSigned] = useState<Commitment | null>(null);
  const backTo = (role && LIST_PATH[role]) ?? '/commitments';

  if (commitment.status === 'loading') return <LoadingState />;
  if (commitment.status === 'error')
    return <ErrorState failure={commitment.failure} onRetry={commitment.reload} />;
  const row = signed && signed.version >= commitment.data.version ? signed : commitment.data;

  return (
    <>
      <PageHeader
        title={row.number ?? t('commitments.unnumbered')}
        intro={t('commitments.detailIntro', { name: row.collaboratorName })}
      >
        <div className="page-header__actions">
          <StatusBadge label={t(`commitmentStatus.${row.status}`)} tone={COMMITMENT_TONE[row.status]} />
          <Link className="button button--secondary" to={backTo}>
            {t('action.backToList')}
          </Link>
        </div>
      </PageHeader>
      <div className="stack">
        <Summary commitment={row} i18n={i18n} />
        <section className="card stack" aria-labelledby="items-title">
          <h2 id="items-title">{t('commitments.items')}</h2>
          <CommitmentItems commitment={row} i18n={i18n} />
        </section>
        {role === 'collaborator' && row.status === 'draft' && (
          <SignForm
            commitment={row}
            onSigned={(next) => {
              setSigned(next);
              commitment.reload();
            }}
          />
        )}
        <Decisions commitment={row} role={role} onChanged={commitment.reload} />
        <CommitmentAllocations commitment={row} role={role} />
      </div>
    </>
  );
}

function Summary({ commitment, i18n }: { commitment: Commitment; i18n: I18n }) {
  const { t, format } = i18n;
  return (
    <section className="card" aria-labelledby="summary-title">
      <h2 id="summary-title" className="card__title">
        {t('commitments.summary')}
      </h2>
      <dl className="details">
        <dt>{t('commitments.collaborator')}</dt>
        <dd>{commitment.collaboratorName}</dd>
        <dt>{t('commitments.program')}</dt>
        <dd>{commitment.programName}</dd>
        <dt>{t('commitments.delivery')}</dt>
        <dd>
          {commitment.deliveryMode === 'aggregator'
            ? `${t('deliveryMode.aggregator')}: ${commitment.aggregatorName ?? '—'}`
            : t('deliveryMode.direct')}
        </dd>
        <dt>{t('commitments.window')}</dt>
        <dd>
          {format.date(commitment.plannedFrom)} – {format.date(commitment.plannedTo)}
        </dd>
        <dt>{t('commitments.total')}</dt>
        <dd>{format.rupiah(commitment.totalValue)}</dd>
        {commitment.notes && (
          <>
            <dt>{t('commitments.notes')}</dt>
            <dd>{commitment.notes}</dd>
          </>
        )}
        {commitment.signedAt && (
          <>
            <dt>{t('commitments.signed')}</dt>
            <dd>
              {t('commitments.signedBy', {
                name: commitment.signatoryName ?? '—',
                title: commitment.signatoryTitle ?? '—',
                at: format.dateTime(commitment.signedAt),
              })}
              {commitment.signedHash && (
                <div className="muted mono small break">SHA-256 {commitment.signedHash}</div>
              )}
            </dd>
          </>
        )}
        {commitment.decidedAt && (
          <>
            <dt>{t('commitments.decided')}</dt>
            <dd>{format.dateTime(commitment.decidedAt)}</dd>
          </>
        )}
        {commitment.statusReason && (
          <>
            <dt>{t('commitments.reason')}</dt>
            <dd>{commitment.statusReason}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

type Decision = 'reject' | 'cancel';

function Decisions({
  commitment,
  role,
  onChanged,
}: {
  commitment: Commitment;
  role: Role | null;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const [asking, setAsking] = useState<Decision | null>(null);
  const [approving, setApproving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const pokja = role === 'admin' || role === 'operator';
  const path = { id: commitment.id };
  const header = () => ({ 'Idempotency-Key': idempotencyKey() });

  /** Approving is final (claims may follow at once): the dialog asks first and shows a refusal in place. */
  async function approve(): Promise<ApiFailure | null> {
    setBusy(true);
    setFailure(null);
    const result = await mutate(() =>
      api.POST('/api/v1/commitments/{id}/approve', { params: { path, header: header() } }),
    );
    setBusy(false);
    if (!result.ok) return result.failure;
    toast.show(t('commitments.approved', { number: commitment.number ?? '' }));
    onChanged();
    return null;
  }

  async function decide(decision: Decision, reason: string): Promise<ApiFailure | null> {
    const result =
      decision === 'reject'
        ? await mutate(() =>
            api.POST('/api/v1/commitments/{id}/reject', {
              params: { path, header: header() },
              body: { reason },
            }),
          )
        : await mutate(() =>
            api.POST('/api/v1/commitments/{id}/cancel', {
              params: { path, header: header() },
              body: reason ? { reason } : {},
            }),
          );
    if (!result.ok) return result.failure;
    toast.show(
      t(decision === 'reject' ? 'commitments.rejected' : 'commitments.cancelled', {
        number: commitment.number ?? '',
      }),
    );
    onChanged();
    return null;
  }

  const canDecide = pokja && commitment.status === 'submitted';
  const canCancel = (pokja || role === 'collaborator') && CANCELLABLE.includes(commitment.status);
  const canClaim = role === 'collaborator' && commitment.status === 'approved';
  return (
    <section className="card stack" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('commitments.actions')}</h2>
      {failure && (
        <p className="notice notice--error" role="alert">
          {failureText(failure, t)}
        </p>
      )}
      <div className="row-actions">
        {canDecide && (
          <>
            <button type="button" className="button button--primary" onClick={() => setApproving(true)} disabled={busy}>
              {t('commitments.approve')}
            </button>
            <button type="button" className="button button--danger" onClick={() => setAsking('reject')}>
              {t('commitments.reject')}
            </button>
          </>
        )}
        {canClaim && (
          <Link className="button button--primary" to={`/open-needs?program=${commitment.programCode}`}>
            {t('commitments.claimNeeds')}
          </Link>
        )}
        <PdfButton
          label={t('commitments.formPdf')}
          fileName={`${(commitment.number ?? commitment.id).replaceAll('/', '-')}.pdf`}
          testId="form-pdf-link"
          load={() =>
            api.GET('/api/v1/commitments/{id}/form.pdf', {
              params: { path: { id: commitment.id } },
              parseAs: 'blob',
            })
          }
        />
        {canCancel && (
          <button type="button" className="button button--ghost" onClick={() => setAsking('cancel')}>
            {t('commitments.cancel')}
          </button>
        )}
      </div>
      <ConfirmDialog
        open={approving}
        title={t('confirm.approveCommitmentTitle', { number: commitment.number ?? '' })}
        body={t('confirm.approveCommitmentBody')}
        confirmLabel={t('commitments.approve')}
        onConfirm={approve}
        onClose={() => setApproving(false)}
      />
      <ReasonDialog
        open={asking !== null}
        required={asking === 'reject'}
        title={t(asking === 'cancel' ? 'commitments.cancelTitle' : 'commitments.rejectTitle')}
        intro={t(asking === 'cancel' ? 'commitments.cancelIntro' : 'commitments.rejectIntro')}
        confirmLabel={t(asking === 'cancel' ? 'commitments.cancel' : 'commitments.reject')}
        onConfirm={(reason) => (asking ? decide(asking, reason) : Promise.resolve(null))}
        onClose={() => setAsking(null)}
      />
    </section>
  );
}

function CommitmentAllocations({ commitment, role }: { commitment: Commitment; role: Role | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [releasing, setReleasing] = useState<Allocation | null>(null);
  const allocations = useApiQuery(
    (signal) =>
      api.GET('/api/v1/allocations', {
        params: { query: { commitmentId: commitment.id, limit: 100, sort: 'expiresAt' } },
        signal,
      }),
    [commitment.id, commitment.version],
  );
  const mayRelease = role === 'collaborator' || role === 'operator' || role === 'admin';
  return (
    <section className="card stack" aria-labelledby="claims-title">
      <h2 id="claims-title">{t('commitments.claims')}</h2>
      {allocations.status === 'loading' && <LoadingState />}
      {allocations.status === 'error' && (
        <ErrorState failure={allocations.failure} onRetry={allocations.reload} />
      )}
      {allocations.status === 'success' && allocations.data.data.length === 0 && (
        <EmptyState title={t('commitments.noClaims')} />
      )}
      {allocations.status === 'success' && allocations.data.data.length > 0 && (
        <DataTable
          caption={t('commitments.claims')}
          rows={allocations.data.data}
          columns={allocationColumns(i18n, mayRelease ? setReleasing : undefined)}
          rowKey={(row) => row.id}
        />
      )}
      <ReleaseDialog
        allocation={releasing}
        onClose={() => setReleasing(null)}
        onReleased={allocations.reload}
      />
    </section>
  );
}
