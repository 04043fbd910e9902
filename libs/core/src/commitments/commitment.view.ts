import type { CollaboratorType } from '../collaborators/collaborator.entity';
import type { CommitmentStatus, DeliveryMode } from './commitment.entity';

/** One line of a commitment as read: the package it names and how much of it is claimed and delivered. */
export interface CommitmentItemView {
  id: string;
  packageId: string;
  packageCode: string;
  packageName: string;
  unit: string;
  quantity: number;
  unitValue: number;
  subtotal: number;
  allocatedQuantity: number;
  deliveredQuantity: number;
}

/** A commitment with the names of the parties it refers to, as the API and the form show it. */
export interface CommitmentView {
  id: string;
  number: string | null;
  collaboratorId: string;
  collaboratorName: string;
  collaboratorType: CollaboratorType;
  programCode: string;
  programName: string;
  deliveryMode: DeliveryMode;
  aggregatorId: string | null;
  aggregatorName: string | null;
  plannedFrom: string;
  plannedTo: string;
  notes: string;
  status: CommitmentStatus;
  totalValue: number;
  signatoryName: string | null;
  signatoryTitle: string | null;
  signedAt: Date | null;
  signedIp: string | null;
  signedUserAgent: string | null;
  signedHash: string | null;
  signedBy: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  statusReason: string | null;
  createdBy: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  items: CommitmentItemView[];
}

/** The few columns the lifecycle rules need, read under a row lock. */
export interface LockedCommitment {
  id: string;
  status: CommitmentStatus;
  collaboratorId: string;
  aggregatorId: string | null;
  programCode: string;
  createdBy: string | null;
}
