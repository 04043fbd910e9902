import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import type { ApiFailure } from '../../api/failure';
import { idempotencyKey, ifMatch, mutate } from '../../api/mutate';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { ReasonDialog } from '../../components/ReasonDialog';
import { StatusBadge } from '../../components/StatusBadge';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { COLLABORATOR_TONE, COMMITMENT_TONE } from '../../components/status-tones';
import { useToast } from '../../components/Toast';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { historyPath, ObjectHistory } from './ObjectHistory';

type Collaborator = Schemas['CollaboratorResponse'];
type Member = Schemas['MemberResponse'];
type Commitment = Schemas['CommitmentResponse'];
type Decision = 'verify' | 'reject' | 'suspend';
const DECISION_ACTIONS = ['collaborator.verified', 'collaborator.rejected', 'collaborator.suspended'];

export default function CollaboratorDetailPage() {
  const { id = '' } = useParams();
  const collaborator = useApiQuery(
    (signal) => api.GET('/api/v1/collaborators/{id}', { params: { path: { id } }, signal }),
    [id],
  );
  if (collaborator.status === 'loading') return <LoadingState />;
  if (collaborator.status === 'error') return <ErrorState failure={collaborator.failure} onRetry={collaborator.reload} />;
  return <CollaboratorDetail row={collaborator.data} reload={collaborator.reload} />;
}

function decisionsFor(status: Collaborator['status']): Decision[] {
  if (status === 'pending') return ['verify', 'reject'];
  if (status === 'verified') return ['suspend'];
  return ['verify'];
}

function CollaboratorDetail({ row, reload }: { row: Collaborator; reload(): void }) {
  const { t, format } = useI18n();
  const toast = useToast();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  // the last decision on record: who made it and when (the audit log names the actor)
  const decisions = useApiQuery(
    (signal) =>
      api.GET('/api/v1/audit', {
        params: { query: { entity: 'collaborator', entityId: row.id, limit: 50, page: 1 } },
        signal,
      }),
    [row.id, row.version],
  );
  const lastDecision =
    decisions.status === 'success' ? decisions.data.data.find((e) => DECISION_ACTIONS.includes(e.action)) : undefined;

  async function decide(decision: Decision, reason?: string): Promise<ApiFailure | null> {
    const params = {
      path: { id: row.id },
      header: { 'If-Match': ifMatch(row.version), 'Idempotency-Key': idempotencyKey() },
    };
    const result =
      decision === 'verify'
        ? await mutate(() => api.POST('/api/v1/collaborators/{id}/verify', { params }))
        : await mutate(() =>
            api.POST(`/api/v1/collaborators/{id}/${decision}`, { params, body: { reason: reason ?? '' } }),
          );
    if (!result.ok) return result.failure;
    toast.show(t(`collaboratorAction.${decision}Done`, { name: row.name }));
    setHistoryKey((k) => k + 1);
    reload();
    return null;
  }

  return (
    <>
      <PageHeader title={row.name} intro={t('details.collaboratorIntro')}>
        <div className="detail-actions">
          <Link className="button button--secondary" to="/collaborators">
            {t('action.backToList')}
          </Link>
          <Link className="button button--ghost" to={historyPath('collaborator', row.id)}>
            {t('audit.history')}
          </Link>
          {decisionsFor(row.status).map((decision) => (
            <button
              key={decision}
              type="button"
              className={decision === 'verify' ? 'button button--primary' : 'button button--secondary'}
              onClick={() => setDeciding(decision)}
            >
              {t(`collaboratorAction.${decision}`)}
            </button>
          ))}
        </div>
      </PageHeader>
      {row.lookAlikes && row.lookAlikes.length > 0 && (
        <div className="notice notice--warning" role="note">
          {t('collaborators.lookAlike')}{' '}
          {row.lookAlikes.map((l, i) => (
            <span key={l.id}>
              {i > 0 && ', '}
              {l.kind === 'collaborator' ? <Link to={`/collaborators/${l.id}`}>{l.name}</Link> : l.name} (
              {t(`lookAlikeKind.${l.kind}`)})
            </span>
          ))}
        </div>
      )}
      <div className="detail-grid">
        <section className="card" aria-labelledby="collaborator-profile">
          <h2 id="collaborator-profile" className="card__title">
            {t('details.profile')}
          </h2>
          <dl className="details">
            <dt>{t('collaborators.type')}</dt>
            <dd>{t(`collaboratorType.${row.type}`)}</dd>
            <dt>{t('details.pic')}</dt>
            <dd>{row.picName ?? '—'}</dd>
            <dt>{t('collaborators.contact')}</dt>
            <dd>{[row.email, row.phone].filter(Boolean).join(' · ') || '—'}</dd>
            <dt>{t('details.address')}</dt>
            <dd>{row.address ?? '—'}</dd>
            <dt>{t('details.registration')}</dt>
            <dd>{[row.registrationNumber, row.taxNumber && `NPWP ${row.taxNumber}`].filter(Boolean).join(' · ') || '—'}</dd>
            <dt>{t('collaborators.registered')}</dt>
            <dd>{format.dateTime(row.createdAt)}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="collaborator-decision">
          <h2 id="collaborator-decision" className="card__title">
            {t('details.decision')}
          </h2>
          <dl className="details">
            <dt>{t('collaborators.status')}</dt>
            <dd>
              <StatusBadge label={t(`collaboratorStatus.${row.status}`)} tone={COLLABORATOR_TONE[row.status]} />
            </dd>
            <dt>{t('details.reason')}</dt>
            <dd>{row.statusReason ?? '—'}</dd>
            <dt>{t('details.decidedBy')}</dt>
            <dd data-testid="decided-by">
              {lastDecision
                ? `${lastDecision.actor.name ?? t(`actorKind.${lastDecision.actor.kind}`)} · ${t(`auditAction.${lastDecision.action}`)}`
                : '—'}
            </dd>
            <dt>{t('details.decidedAt')}</dt>
            <dd>{lastDecision ? format.dateTime(lastDecision.at) : row.verifiedAt ? format.dateTime(row.verifiedAt) : '—'}</dd>
          </dl>
        </section>
      </div>
      <Members collaboratorId={row.id} />
      <Commitments collaboratorId={row.id} />
      <ObjectHistory key={historyKey} entity="collaborator" entityId={row.id} name={row.name} />
      <ConfirmDialog
        open={deciding === 'verify'}
        title={t('collaboratorAction.verifyTitle', { name: row.name })}
        body={t('collaboratorAction.verifyBody')}
        confirmLabel={t('collaboratorAction.verify')}
        onConfirm={() => decide('verify')}
        onClose={() => setDeciding(null)}
      />
      <ReasonDialog
        open={deciding === 'reject' || deciding === 'suspend'}
        title={deciding === 'reject' || deciding === 'suspend' ? t(`collaboratorAction.${deciding}Title`, { name: row.name }) : ''}
        intro={deciding === 'reject' || deciding === 'suspend' ? t(`collaboratorAction.${deciding}Intro`) : undefined}
        confirmLabel={deciding === 'reject' || deciding === 'suspend' ? t(`collaboratorAction.${deciding}`) : ''}
        onConfirm={(reason) => (deciding ? decide(deciding, reason) : Promise.resolve(null))}
        onClose={() => setDeciding(null)}
      />
    </>
  );
}

function Members({ collaboratorId }: { collaboratorId: string }) {
  const { t, format } = useI18n();
  const members = useApiQuery(
    (signal) =>
      api.GET('/api/v1/collaborators/{id}/members', { params: { path: { id: collaboratorId } }, signal }),
    [collaboratorId],
  );
  return (
    <section className="card" aria-labelledby="collaborator-members">
      <h2 id="collaborator-members" className="card__title">
        {t('details.members')}
      </h2>
      {members.status === 'loading' ? (
        <LoadingState />
      ) : members.status === 'error' ? (
        <ErrorState failure={members.failure} onRetry={members.reload} />
      ) : members.data.length === 0 ? (
        <EmptyState title={t('details.noMembers')} />
      ) : (
        <DataTable<Member>
          caption={t('details.members')}
          rows={members.data}
          rowKey={(m) => m.id}
          columns={[
            { header: t('users.name'), cell: (m) => m.name },
            { header: t('users.email'), cell: (m) => m.email },
            { header: t('users.status'), cell: (m) => (m.active ? t('users.active') : t('users.inactive')) },
            { header: t('users.lastLogin'), cell: (m) => (m.lastLoginAt ? format.dateTime(m.lastLoginAt) : t('users.never')) },
          ]}
        />
      )}
    </section>
  );
}

function Commitments({ collaboratorId }: { collaboratorId: string }) {
  const { t, format } = useI18n();
  const commitments = useApiQuery(
    (signal) =>
      api.GET('/api/v1/commitments', {
        params: { query: { collaboratorId, limit: 50, page: 1 } },
        signal,
      }),
    [collaboratorId],
  );
  return (
    <section className="card" aria-labelledby="collaborator-commitments">
      <h2 id="collaborator-commitments" className="card__title">
        {t('details.commitments')}
      </h2>
      <p className="muted small">{t('details.documentsHint')}</p>
      {commitments.status === 'loading' ? (
        <LoadingState />
      ) : commitments.status === 'error' ? (
        <ErrorState failure={commitments.failure} onRetry={commitments.reload} />
      ) : commitments.data.data.length === 0 ? (
        <EmptyState title={t('details.noCommitments')} />
      ) : (
        <DataTable<Commitment>
          caption={t('details.commitments')}
          rows={commitments.data.data}
          rowKey={(c) => c.id}
          columns={[
            { header: t('commitments.number'), cell: (c) => <Link to={`/commitments/${c.id}`}>{c.number ?? c.id.slice(0, 8)}</Link> },
            { header: t('commitments.program'), cell: (c) => c.programName },
            {
              header: t('commitments.status'),
              cell: (c) => <StatusBadge label={t(`commitmentStatus.${c.status}`)} tone={COMMITMENT_TONE[c.status]} />,
            },
            { header: t('details.signedAt'), cell: (c) => (c.signedAt ? format.dateTime(c.signedAt) : '—') },
          ]}
        />
      )}
    </section>
  );
}
