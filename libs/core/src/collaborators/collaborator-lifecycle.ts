import { ConflictError } from '../common/domain-errors';
import { CollaboratorStatus } from './collaborator.entity';

export const COLLABORATOR_TRANSITIONS = ['verify', 'reject', 'suspend'] as const;
export type CollaboratorTransition = (typeof COLLABORATOR_TRANSITIONS)[number];

interface TransitionRule {
  from: readonly CollaboratorStatus[];
  to: CollaboratorStatus;
  /** why a collaborator leaves the verified state must be on record; verifying needs no explanation */
  needsReason: boolean;
}

/**
 * Pokja's verification workflow. A rejected or suspended collaborator can be verified again (after it fixed its
 * data); a verified one is suspended, never rejected, so its past commitments keep a verified signer.
 */
export const COLLABORATOR_LIFECYCLE: Record<CollaboratorTransition, TransitionRule> = {
  verify: { from: ['pending', 'suspended', 'rejected'], to: 'verified', needsReason: false },
  reject: { from: ['pending'], to: 'rejected', needsReason: true },
  suspend: { from: ['verified'], to: 'suspended', needsReason: true },
};

/** The status a transition leads to from `current`, or a ConflictError saying why it is not allowed. */
export function nextCollaboratorStatus(
  transition: CollaboratorTransition,
  current: CollaboratorStatus,
): CollaboratorStatus {
  const rule = COLLABORATOR_LIFECYCLE[transition];
  if (rule.from.includes(current)) return rule.to;
  if (current === rule.to)
    throw new ConflictError(`the collaborator is already ${current}`, {
      code: 'collaborator_already_in_state',
    });
  throw new ConflictError(
    `the collaborator is ${current}; only ${rule.from.join(', ')} collaborators can be ${rule.to}` +
      (transition === 'reject' && current === 'verified' ? ' (suspend a verified collaborator instead)' : ''),
    { code: 'collaborator_transition_refused' },
  );
}
