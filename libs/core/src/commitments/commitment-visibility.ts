import type { Principal } from '../common/request-context';

/** Roles that read every commitment and allocation. */
const READS_ALL = new Set(['admin', 'operator', 'viewer']);

/** Who may see a commitment (and the allocations made against it). */
export function canSeeCommitment(
  principal: Principal,
  commitment: { collaboratorId: string; aggregatorId: string | null },
): boolean {
  if (principal.kind === 'system') return true;
  if (principal.role && READS_ALL.has(principal.role)) return true;
  if (principal.role === 'collaborator') {
    return !!principal.collaboratorId && principal.collaboratorId === commitment.collaboratorId;
  }
  if (principal.role === 'aggregator') {
    return !!principal.aggregatorId && principal.aggregatorId === commitment.aggregatorId;
  }
  return false;
}

/**
 * The same rule as an SQL condition on a commitments alias; pushes its parameters onto `params`.
 * Kept next to `canSeeCommitment` so the two cannot drift apart.
 */
export function commitmentVisibilitySql(principal: Principal, alias: string, params: unknown[]): string {
  if (principal.kind === 'system') return 'TRUE';
  if (principal.role && READS_ALL.has(principal.role)) return 'TRUE';
  if (principal.role === 'collaborator' && principal.collaboratorId) {
    return `${alias}.collaborator_id = $${params.push(principal.collaboratorId)}`;
  }
  if (principal.role === 'aggregator' && principal.aggregatorId) {
    return `${alias}.aggregator_id = $${params.push(principal.aggregatorId)}`;
  }
  return 'FALSE';
}

/** Staff act on any commitment; a collaborator member only on its own collaborator's. */
export function actsForCommitment(principal: Principal, commitment: { collaboratorId: string }): boolean {
  if (principal.role === 'admin' || principal.role === 'operator') return true;
  return principal.role === 'collaborator' && principal.collaboratorId === commitment.collaboratorId;
}

/**
 * `canSeeCommitment` and `actsForCommitment` as parameters, for a statement that decides them in SQL:
 * sees = seesAll OR collaborator_id = seesCollaboratorId OR aggregator_id = seesAggregatorId;
 * acts = actsForAll OR collaborator_id = actsForCollaboratorId (a null id matches nothing).
 */
export interface CommitmentAccess {
  seesAll: boolean;
  seesCollaboratorId: string | null;
  seesAggregatorId: string | null;
  actsForAll: boolean;
  actsForCollaboratorId: string | null;
}

export function commitmentAccessOf(principal: Principal): CommitmentAccess {
  const collaboratorId = principal.role === 'collaborator' ? principal.collaboratorId || null : null;
  return {
    seesAll: principal.kind === 'system' || (!!principal.role && READS_ALL.has(principal.role)),
    seesCollaboratorId: collaboratorId,
    seesAggregatorId: principal.role === 'aggregator' ? principal.aggregatorId || null : null,
    actsForAll: principal.role === 'admin' || principal.role === 'operator',
    actsForCollaboratorId: collaboratorId,
  };
}

/** `canSeeCommitment`, decided from a `CommitmentAccess` (what the SQL does with its parameters). */
export function accessSees(a: CommitmentAccess, c: { collaboratorId: string; aggregatorId: string | null }): boolean {
  return (
    a.seesAll ||
    (a.seesCollaboratorId !== null && a.seesCollaboratorId === c.collaboratorId) ||
    (a.seesAggregatorId !== null && a.seesAggregatorId === c.aggregatorId)
  );
}

/** `actsForCommitment`, decided from a `CommitmentAccess`. */
export function accessActs(a: CommitmentAccess, c: { collaboratorId: string }): boolean {
  return a.actsForAll || (a.actsForCollaboratorId !== null && a.actsForCollaboratorId === c.collaboratorId);
}
