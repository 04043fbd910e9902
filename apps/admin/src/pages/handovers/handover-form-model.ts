import type { Schemas } from '@ksbb/api-client';
import { ATTACHMENT_TYPES } from '../../api/enums';
import type { MessageKey } from '../../i18n/id';
import { wibInputToDate, wibInputToIso, wibInputValue } from '../../i18n/wib';

type Allocation = Schemas['AllocationResponse'];

export interface PartyRow {
  key: number;
  name: string;
  role: string;
  organization: string;
}

export interface RecipientRow {
  key: number;
  nik: string;
  name: string;
}

export interface HandoverFormValues {
  commitmentId: string;
  /** allocation id → quantity handed over ('' = not in this handover) */
  quantities: Record<string, string>;
  handedOverAt: string;
  regionCode: string;
  address: string;
  /** decimal degrees as typed or from the device's location ('' = none) */
  lat: string;
  lon: string;
  /** the device's reported accuracy in metres, shown next to the coordinates and sent as `location.accuracyM` */
  accuracy?: number | null;
  giverName: string;
  giverTitle: string;
  giverOrganization: string;
  receiverName: string;
  receiverRole: string;
  receiverNik: string;
  witnesses: PartyRow[];
  recipients: RecipientRow[];
  notes: string;
}

/** Errors keyed by the API's field paths (`items[0].quantity`, `receiver.nik`, `witnesses[1].role`). */
export type HandoverFormErrors = Record<string, { key: MessageKey; vars?: Record<string, string | number> }>;

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const NIK = /^\d{16}$/;
const isPositiveInteger = (text: string) => /^\d+$/.test(text.trim()) && Number(text) >= 1;

/** What a claim can still hand over. */
export function remainingOf(allocation: Allocation): number {
  return allocation.quantity - allocation.deliveredQuantity;
}

/** `datetime-local` value of a moment on the Jakarta (WIB) wall clock, whatever the device's zone. */
export function localDateTime(date: Date): string {
  return wibInputValue(date);
}

const inRange = (text: string, limit: number) =>
  /^-?\d+(\.\d+)?$/.test(text.trim()) && Math.abs(Number(text)) <= limit;

/** The chosen allocations with their quantities, in the order of the list. */
export function chosenItems(values: HandoverFormValues, allocations: readonly Allocation[]) {
  return allocations
    .filter((allocation) => allocation.commitmentId === values.commitmentId)
    .filter((allocation) => (values.quantities[allocation.id] ?? '').trim() !== '')
    .map((allocation) => ({ allocation, quantity: values.quantities[allocation.id].trim() }));
}

export function validateHandoverForm(
  values: HandoverFormValues,
  allocations: readonly Allocation[],
  files: readonly File[],
): HandoverFormErrors {
  const errors: HandoverFormErrors = {};
  const items = chosenItems(values, allocations);
  if (!values.commitmentId) errors.commitmentId = { key: 'validation.required' };
  else if (items.length === 0) errors.items = { key: 'handoverForm.noItems' };
  items.forEach(({ allocation, quantity }, index) => {
    if (!isPositiveInteger(quantity))
      errors[`items[${index}].quantity`] = { key: 'validation.positiveInteger' };
    else if (Number(quantity) > remainingOf(allocation))
      errors[`items[${index}].quantity`] = { key: 'claim.tooMany', vars: { most: remainingOf(allocation) } };
  });
  if (!values.handedOverAt) errors.handedOverAt = { key: 'validation.required' };
  else if (!wibInputToIso(values.handedOverAt)) errors.handedOverAt = { key: 'validation.required' };
  else if (wibInputToDate(values.handedOverAt).getTime() > Date.now())
    errors.handedOverAt = { key: 'handoverForm.future' };
  const lat = values.lat.trim();
  const lon = values.lon.trim();
  if (lat && !inRange(lat, 90)) errors['location.lat'] = { key: 'validation.latitude' };
  if (lon && !inRange(lon, 180)) errors['location.lon'] = { key: 'validation.longitude' };
  if (lat && !lon) errors['location.lon'] = { key: 'validation.required' };
  if (lon && !lat) errors['location.lat'] = { key: 'validation.required' };
  if (!values.regionCode.trim()) errors['location.regionCode'] = { key: 'validation.required' };
  if (!values.address.trim()) errors['location.address'] = { key: 'validation.required' };
  if (!values.giverName.trim()) errors['giver.name'] = { key: 'validation.required' };
  if (!values.receiverName.trim()) errors['receiver.name'] = { key: 'validation.required' };
  if (!values.receiverRole.trim()) errors['receiver.role'] = { key: 'validation.required' };
  if (values.receiverNik.trim() && !NIK.test(values.receiverNik.trim()))
    errors['receiver.nik'] = { key: 'validation.nik' };
  values.witnesses.forEach((row, index) => {
    if (!row.name.trim()) errors[`witnesses[${index}].name`] = { key: 'validation.required' };
    if (!row.role.trim()) errors[`witnesses[${index}].role`] = { key: 'validation.required' };
  });
  const seen = new Set<string>();
  values.recipients.forEach((row, index) => {
    const nik = row.nik.trim();
    if (!NIK.test(nik)) errors[`recipients[${index}].nik`] = { key: 'validation.nik' };
    else if (seen.has(nik)) errors[`recipients[${index}].nik`] = { key: 'handoverForm.nikTwice' };
    seen.add(nik);
    if (!row.name.trim()) errors[`recipients[${index}].name`] = { key: 'validation.required' };
  });
  files.forEach((file, index) => {
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type))
      errors[`files[${index}]`] = { key: 'handoverForm.fileType', vars: { name: file.name } };
    else if (file.size > MAX_ATTACHMENT_BYTES)
      errors[`files[${index}]`] = { key: 'handoverForm.fileSize', vars: { name: file.name } };
  });
  return errors;
}

export function handoverBody(
  values: HandoverFormValues,
  allocations: readonly Allocation[],
): Schemas['CreateHandoverRequest'] {
  const optional = (text: string) => text.trim() || undefined;
  return {
    items: chosenItems(values, allocations).map(({ allocation, quantity }) => ({
      allocationId: allocation.id,
      quantity: Number(quantity),
    })),
    // what the deliverer typed, as Jakarta time: `2026-01-12T10:00` → `2026-01-12T10:00:00+07:00`
    handedOverAt: wibInputToIso(values.handedOverAt) ?? values.handedOverAt,
    location: {
      regionCode: values.regionCode.trim(),
      address: values.address.trim(),
      ...(values.lat.trim() && values.lon.trim()
        ? {
            lat: Number(values.lat.trim()),
            lon: Number(values.lon.trim()),
            ...(values.accuracy != null ? { accuracyM: Math.min(Math.round(values.accuracy), 100_000) } : {}),
          }
        : {}),
    },
    giver: {
      name: values.giverName.trim(),
      title: optional(values.giverTitle),
      organization: optional(values.giverOrganization),
    },
    receiver: {
      name: values.receiverName.trim(),
      role: values.receiverRole.trim(),
      nik: optional(values.receiverNik),
    },
    witnesses: values.witnesses.map((row) => ({
      name: row.name.trim(),
      role: row.role.trim(),
      organization: optional(row.organization),
    })),
    recipients: values.recipients.map((row) => ({ nik: row.nik.trim(), name: row.name.trim() })),
    notes: values.notes.trim() || undefined,
  };
}
