import { ConflictError } from '../common/domain-errors';
import { COLLABORATOR_STATUSES, CollaboratorStatus } from './collaborator.entity';
import { CollaboratorTransition, nextCollaboratorStatus } from './collaborator-lifecycle';

const ALLOWED: Record<CollaboratorTransition, Partial<Record<CollaboratorStatus, CollaboratorStatus>>> = {
  verify: { pending: 'verified', suspended: 'verified', rejected: 'verified' },
  reject: { pending: 'rejected' },
  suspend: { verified: 'suspended' },
};

describe('collaborator lifecycle', () => {
  const cases = (Object.keys(ALLOWED) as CollaboratorTransition[]).flatMap((t) =>
    COLLABORATOR_STATUSES.map((from) => [t, from, ALLOWED[t][from] ?? null] as const),
  );

  it.each(cases)('%s from %s → %s', (transition, from, to) => {
    if (to) {
      expect(nextCollaboratorStatus(transition, from)).toBe(to);
    } else {
      expect(() => nextCollaboratorStatus(transition, from)).toThrow(ConflictError);
    }
  });

  it('says why a transition is refused', () => {
    expect(() => nextCollaboratorStatus('verify', 'verified')).toThrow(
      'the collaborator is already verified',
    );
    expect(() => nextCollaboratorStatus('suspend', 'pending')).toThrow(
      'the collaborator is pending; only verified collaborators can be suspended',
    );
    expect(() => nextCollaboratorStatus('reject', 'verified')).toThrow(
      /suspend a verified collaborator instead/,
    );
  });
});
