import { ConflictError, FieldError, InvalidInputError } from '../common/domain-errors';
import type { DeliveryMode } from './commitment.entity';
import type { NewCommitmentItem, PackageRange } from './commitments.repository';

export interface CommitmentItemInput {
  packageCode: string;
  quantity: number;
  /** rupiah per unit */
  unitValue: number;
}

export interface CreateCommitmentInput {
  collaboratorId: string;
  programCode: string;
  deliveryMode: DeliveryMode;
  aggregatorId?: string | null;
  items: CommitmentItemInput[];
  plannedFrom: string;
  plannedTo: string;
  notes?: string;
}

/** Rules that need no database: the window, the delivery mode, no package twice. */
export function assertCommitmentShape(input: CreateCommitmentInput): void {
  const errors: FieldError[] = [];
  if (input.plannedTo < input.plannedFrom) {
    errors.push({ field: 'plannedTo', message: 'must not be before plannedFrom' });
  }
  if (input.deliveryMode === 'aggregator' && !input.aggregatorId) {
    errors.push({ field: 'aggregatorId', message: 'is required when deliveryMode is aggregator' });
  }
  if (input.deliveryMode === 'direct' && input.aggregatorId) {
    errors.push({ field: 'aggregatorId', message: 'must be empty when deliveryMode is direct' });
  }
  const seen = new Set<string>();
  input.items.forEach((item, i) => {
    if (seen.has(item.packageCode)) {
      errors.push({
        field: `items[${i}].packageCode`,
        message: `package ${item.packageCode} is listed twice`,
      });
    }
    seen.add(item.packageCode);
  });
  if (errors.length)
    throw new InvalidInputError(errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
}

/** The program must exist and be open to new commitments; `status` is null when it does not exist. */
export function assertProgramOpen(programCode: string, status: string | null): void {
  if (status === null) {
    throw new InvalidInputError(`program ${programCode} does not exist`, [
      { field: 'programCode', message: 'does not exist' },
    ]);
  }
  if (status !== 'open') {
    throw new ConflictError(
      `program ${programCode} is ${status}; commitments can only be made to open programs`,
    );
  }
}

export function assertCollaboratorExists(collaboratorId: string, exists: boolean): void {
  if (!exists) {
    throw new InvalidInputError('no such collaborator', [
      { field: 'collaboratorId', message: 'does not exist' },
    ]);
  }
}

/**
 * Resolves the items' packages within the program (`packages`: those of the program the items name) and checks
 * each unit value against the package's range. A package whose `unitValueMax` is 0 has no range on record, and
 * then any unit value is accepted.
 */
export function resolveItems(
  programCode: string,
  items: CommitmentItemInput[],
  packages: PackageRange[],
): NewCommitmentItem[] {
  const byCode = new Map(packages.map((p) => [p.code, p]));
  const errors: FieldError[] = [];
  const resolved = items.map((item, i) => {
    const pkg = byCode.get(item.packageCode);
    if (!pkg) {
      errors.push({
        field: `items[${i}].packageCode`,
        message: `is not a package of program ${programCode}`,
      });
      return null;
    }
    if (pkg.max > 0 && (item.unitValue < pkg.min || item.unitValue > pkg.max)) {
      errors.push({
        field: `items[${i}].unitValue`,
        message: `must be between ${pkg.min} and ${pkg.max} rupiah`,
      });
    }
    return { packageId: pkg.id, quantity: item.quantity, unitValue: item.unitValue };
  });
  if (errors.length)
    throw new InvalidInputError(errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  return resolved as NewCommitmentItem[];
}

/** Sum of quantity × unit value in whole rupiah, refused when it no longer fits a safe integer. */
export function totalValueOf(items: CommitmentItemInput[]): number {
  const total = items.reduce((sum, i) => sum + BigInt(i.quantity) * BigInt(i.unitValue), 0n);
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new InvalidInputError('the total value is too large', [
      { field: 'items', message: 'total value too large' },
    ]);
  }
  return Number(total);
}
