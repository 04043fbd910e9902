import { FieldError, InvalidInputError } from '../common/domain-errors';
import type { Principal } from '../common/request-context';
import { nikProblem } from './nik';

export interface HandoverPartyInput {
  name: string;
  title?: string;
  role?: string;
  organization?: string;
}

export interface SubmitHandoverInput {
  items: { allocationId: string; quantity: number }[];
  handedOverAt: Date;
  /** `accuracyM`: the device's reported accuracy of lon/lat in metres (only with them). */
  location: { regionCode: string; lon?: number; lat?: number; accuracyM?: number; address: string };
  giver: HandoverPartyInput;
  receiver: HandoverPartyInput & { nik?: string };
  witnesses: HandoverPartyInput[];
  recipients?: { nik: string; name: string }[];
  notes?: string;
}

/** A handover may be dated at most this far ahead of the server clock (devices' clocks drift). */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Where a delivery happens: down to a kelurahan, RW or RT. */
export const DELIVERY_REGION_LEVELS = ['village', 'rw', 'rt'];

/** Rules on the request alone, before touching the database. Never echoes a NIK. */
export function assertHandoverShape(input: SubmitHandoverInput, now = new Date()): void {
  const errors: FieldError[] = [];
  const seenAllocations = new Set<string>();
  input.items.forEach((item, i) => {
    if (seenAllocations.has(item.allocationId)) {
      errors.push({ field: `items[${i}].allocationId`, message: 'each allocation may appear only once' });
    }
    seenAllocations.add(item.allocationId);
  });
  if (input.handedOverAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    errors.push({ field: 'handedOverAt', message: 'must not be in the future' });
  }
  const { lon, lat } = input.location;
  if ((lon === undefined) !== (lat === undefined)) {
    errors.push({ field: 'location', message: 'give both lon and lat, or neither' });
  }
  if (input.location.accuracyM !== undefined && lat === undefined) {
    errors.push({ field: 'location.accuracyM', message: 'give the accuracy only with lon and lat' });
  }
  if (input.receiver.nik !== undefined) {
    const problem = nikProblem(input.receiver.nik);
    if (problem) errors.push({ field: 'receiver.nik', message: `the NIK ${problem}` });
  }
  const seenNiks = new Set<string>();
  (input.recipients ?? []).forEach((r, i) => {
    const problem = nikProblem(r.nik);
    if (problem) errors.push({ field: `recipients[${i}].nik`, message: `the NIK ${problem}` });
    else if (seenNiks.has(r.nik)) {
      errors.push({ field: `recipients[${i}].nik`, message: 'the same NIK is listed twice' });
    }
    seenNiks.add(r.nik);
  });
  if (errors.length > 0) throw new InvalidInputError('the handover is not valid', errors);
}

const STAFF = new Set(['admin', 'operator']);

/**
 * Who acts on (submits for, adds documents to) a commitment's handovers: staff, a member of the collaborator
 * that owns it, or the aggregator it is routed to (a member or its API key).
 */
export function actsForHandover(
  principal: Principal,
  owner: { collaboratorId: string; aggregatorId: string | null },
): boolean {
  if (principal.role && STAFF.has(principal.role)) return true;
  if (principal.role === 'collaborator') {
    return !!principal.collaboratorId && principal.collaboratorId === owner.collaboratorId;
  }
  if (principal.role === 'aggregator') {
    return !!principal.aggregatorId && principal.aggregatorId === owner.aggregatorId;
  }
  return false;
}

export const seesRecipients = (principal: Principal): boolean =>
  principal.kind === 'system' || (!!principal.role && STAFF.has(principal.role));

/** BAST numbers and the duplicate check run per calendar year in Jakarta time (WIB, UTC+7). */
export { jakartaYear } from '../numbering/numbering';
