import type { Schemas } from '@ksbb/api-client';
import type { Tone } from './StatusBadge';

export type NeedStatus = Schemas['NeedResponse']['status'];
export type CommitmentStatus = Schemas['CommitmentResponse']['status'];
export type AllocationStatus = Schemas['AllocationResponse']['status'];
export type CollaboratorStatus = Schemas['CollaboratorResponse']['status'];

export const NEED_STATUSES: readonly NeedStatus[] = [
  'draft',
  'open',
  'fully_allocated',
  'fulfilled',
  'closed',
  'cancelled',
];
export const COMMITMENT_STATUSES: readonly CommitmentStatus[] = [
  'draft',
  'submitted',
  'approved',
  'completed',
  'rejected',
  'cancelled',
];
export const ALLOCATION_STATUSES: readonly AllocationStatus[] = [
  'reserved',
  'partially_delivered',
  'delivered',
  'released',
  'expired',
];
export const COLLABORATOR_STATUSES: readonly CollaboratorStatus[] = [
  'pending',
  'verified',
  'rejected',
  'suspended',
];

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
