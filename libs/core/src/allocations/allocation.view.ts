import type { AllocationStatus } from './allocation.entity';

/** A claim as the API shows it, with what it claims (need, package) and against which commitment. */
export interface AllocationView {
  id: string;
  status: AllocationStatus;
  quantity: number;
  deliveredQuantity: number;
  expiresAt: Date;
  warnedAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  needId: string;
  needTitle: string;
  regionCode: string;
  programCode: string;
  packageCode: string;
  commitmentId: string;
  commitmentNumber: string | null;
  commitmentItemId: string;
  collaboratorId: string;
  aggregatorId: string | null;
  createdBy: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** An allocation that ended (released, expired): the quantity to give back to its need and commitment item. */
export interface EndedAllocation {
  id: string;
  needId: string;
  commitmentId: string;
  commitmentItemId: string;
  quantity: number;
  collaboratorId: string;
  aggregatorId: string | null;
}

export interface AllocationFilter {
  needId?: string;
  commitmentId?: string;
  status?: AllocationStatus;
  expiringBefore?: Date;
}
