import type { Schemas } from '@ksbb/api-client';
import type { DeliveryMode } from '../../api/enums';
import type { MessageKey } from '../../i18n/id';

type Package = Schemas['PackageResponse'];

export interface ItemRow {
  key: number;
  packageCode: string;
  quantity: string;
  unitValue: string;
}

export interface CommitmentFormValues {
  programCode: string;
  deliveryMode: DeliveryMode;
  aggregatorId: string;
  plannedFrom: string;
  plannedTo: string;
  notes: string;
  items: ItemRow[];
}

/** Errors by field path, the same paths the API uses (`items[0].unitValue`). */
export type CommitmentFormErrors = Record<
  string,
  { key: MessageKey; vars?: Record<string, string | number> }
>;

const isInteger = (text: string) => /^\d+$/.test(text.trim());

/** An empty package row; `key` tells the rows apart while they are added and removed. */
export function emptyItem(key: number): ItemRow {
  return { key, packageCode: '', quantity: '', unitValue: '' };
}

/** A new commitment: delivered directly, starting today (`YYYY-MM-DD`), with one empty package row (key 0). */
export function emptyCommitmentForm(today: string): CommitmentFormValues {
  return {
    programCode: '',
    deliveryMode: 'direct',
    aggregatorId: '',
    plannedFrom: today,
    plannedTo: '',
    notes: '',
    items: [emptyItem(0)],
  };
}

/** A row given a package: the unit value starts at the package's lowest, unless one was typed already. */
export function withPackage(row: ItemRow, packageCode: string, pkg: Package | undefined): Partial<ItemRow> {
  return {
    packageCode,
    unitValue: row.unitValue || (pkg && pkg.unitValueMin > 0 ? String(pkg.unitValueMin) : ''),
  };
}

export function itemValue(row: ItemRow): number {
  return isInteger(row.quantity) && isInteger(row.unitValue)
    ? Number(row.quantity) * Number(row.unitValue)
    : 0;
}

/** The value of everything committed, in rupiah; rows not filled in yet count as nothing. */
export function commitmentTotal(values: CommitmentFormValues): number {
  return values.items.reduce((sum, row) => sum + itemValue(row), 0);
}

/** The rules the API checks, in the form's terms: filled, whole positive numbers, unit values in range, one window. */
export function validateCommitmentForm(
  values: CommitmentFormValues,
  packages: readonly Package[],
): CommitmentFormErrors {
  const errors: CommitmentFormErrors = {};
  if (!values.programCode) errors.programCode = { key: 'validation.required' };
  if (values.deliveryMode === 'aggregator' && !values.aggregatorId)
    errors.aggregatorId = { key: 'validation.required' };
  if (!values.plannedFrom) errors.plannedFrom = { key: 'validation.required' };
  if (!values.plannedTo) errors.plannedTo = { key: 'validation.required' };
  else if (values.plannedFrom && values.plannedTo < values.plannedFrom)
    errors.plannedTo = { key: 'validation.windowOrder' };
  if (values.items.length === 0) errors.items = { key: 'commitmentForm.noItems' };
  const seen = new Set<string>();
  values.items.forEach((row, index) => {
    const at = `items[${index}]`;
    if (!row.packageCode) errors[`${at}.packageCode`] = { key: 'validation.required' };
    else if (seen.has(row.packageCode)) errors[`${at}.packageCode`] = { key: 'commitmentForm.packageTwice' };
    seen.add(row.packageCode);
    if (!isInteger(row.quantity) || Number(row.quantity) < 1)
      errors[`${at}.quantity`] = { key: 'validation.positiveInteger' };
    if (!isInteger(row.unitValue) || Number(row.unitValue) < 1) {
      errors[`${at}.unitValue`] = { key: 'validation.positiveInteger' };
      return;
    }
    const pkg = packages.find((candidate) => candidate.code === row.packageCode);
    const value = Number(row.unitValue);
    if (pkg && pkg.unitValueMax > 0 && (value < pkg.unitValueMin || value > pkg.unitValueMax)) {
      errors[`${at}.unitValue`] = {
        key: 'commitmentForm.outOfRange',
        vars: { min: pkg.unitValueMin, max: pkg.unitValueMax },
      };
    }
  });
  return errors;
}

export function commitmentBody(
  values: CommitmentFormValues,
  collaboratorId: string,
): Schemas['CreateCommitmentRequest'] {
  return {
    collaboratorId,
    programCode: values.programCode,
    deliveryMode: values.deliveryMode,
    aggregatorId: values.deliveryMode === 'aggregator' ? values.aggregatorId : null,
    items: values.items.map((row) => ({
      packageCode: row.packageCode,
      quantity: Number(row.quantity),
      unitValue: Number(row.unitValue),
    })),
    plannedFrom: values.plannedFrom,
    plannedTo: values.plannedTo,
    notes: values.notes.trim() || undefined,
  };
}
