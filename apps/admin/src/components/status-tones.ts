import {
  valuesOf,
  type AllocationStatus,
  type CollaboratorStatus,
  type CommitmentStatus,
  type HandoverStatus,
  type NeedStatus,
} from '../api/enums';

/** The colour family of a status pill. */
export type Tone = 'neutral' | 'good' | 'bad' | 'info' | 'warn';

export const NEED_TONE: Record<NeedStatus, Tone> = {
  draft: 'neutral',
  open: 'info',
  fully_allocated: 'warn',
  fulfilled: 'good',
  closed: 'neutral',
  cancelled: 'bad',
};
export const COMMITMENT_TONE: Record<CommitmentStatus, Tone> = {
  draft: 'neutral',
  submitted: 'warn',
  approved: 'good',
  completed: 'good',
  rejected: 'bad',
  cancelled: 'bad',
};
export const ALLOCATION_TONE: Record<AllocationStatus, Tone> = {
  reserved: 'info',
  partially_delivered: 'warn',
  delivered: 'good',
  released: 'neutral',
  expired: 'bad',
};
export const COLLABORATOR_TONE: Record<CollaboratorStatus, Tone> = {
  pending: 'warn',
  verified: 'good',
  rejected: 'bad',
  suspended: 'bad',
};
export const HANDOVER_TONE: Record<HandoverStatus, Tone> = {
  submitted: 'warn',
  verified: 'good',
  rejected: 'bad',
};

export const NEED_STATUSES = valuesOf(NEED_TONE);
export const COMMITMENT_STATUSES = valuesOf(COMMITMENT_TONE);
export const ALLOCATION_STATUSES = valuesOf(ALLOCATION_TONE);
export const COLLABORATOR_STATUSES = valuesOf(COLLABORATOR_TONE);
export const HANDOVER_STATUSES = valuesOf(HANDOVER_TONE);
