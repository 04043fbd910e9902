import type { Principal } from '../common/request-context';
import type { DuplicateWarning, HandoverView } from './handover.view';

/**
 * Who may see what is derived from other parties' NIK hashes: the duplicate warnings of a handover say that a NIK
 * already appears in another party's verified BAST, and in which one. Shown to everyone who can submit, that is an
 * oracle: type a known person's NIK into a handover and learn whether and where they received aid. So only the
 * Pokja staff who decide handovers (operators, admins) and the system see them; for everyone else (collaborators,
 * aggregators and their API keys, the read-only viewer) they are withheld, and the operator checks the recipients.
 */
const DECIDERS = new Set(['admin', 'operator']);

export const seesDuplicateWarnings = (principal: Principal): boolean =>
  principal.kind === 'system' || (!!principal.role && DECIDERS.has(principal.role));

export interface DuplicateWarningsForReader {
  duplicateWarnings: DuplicateWarning[];
  /** true when the reader may not see them: `duplicateWarnings` is then empty whatever was found */
  duplicateWarningsWithheld: boolean;
}

/** The duplicate warnings of a handover as this reader may see them. Every answer about a handover goes through it. */
export function duplicateWarningsFor(
  view: Pick<HandoverView, 'duplicateWarnings'>,
  principal: Principal,
): DuplicateWarningsForReader {
  return seesDuplicateWarnings(principal)
    ? { duplicateWarnings: view.duplicateWarnings, duplicateWarningsWithheld: false }
    : { duplicateWarnings: [], duplicateWarningsWithheld: true };
}
