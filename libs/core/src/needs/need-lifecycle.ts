import { ConflictError } from '../common/domain-errors';
import { NeedStatus } from './need.entity';

export const NEED_TRANSITIONS = ['publish', 'close', 'cancel'] as const;
export type NeedTransition = (typeof NEED_TRANSITIONS)[number];

interface TransitionRule {
  from: readonly NeedStatus[];
  to: NeedStatus;
  /** the verb as it reads in an explanation: "only draft needs can be published" */
  verb: string;
  event: 'need.published' | 'need.closed' | 'need.cancelled';
}

/**
 * How a need moves once created (always `draft`). `fully_allocated` and `fulfilled` are reached through claims and
 * handovers, never by hand; closing keeps the claims already made, cancelling requires that there are none.
 */
export const NEED_LIFECYCLE: Record<NeedTransition, TransitionRule> = {
  publish: { from: ['draft'], to: 'open', verb: 'published', event: 'need.published' },
  close: { from: ['open', 'fully_allocated'], to: 'closed', verb: 'closed', event: 'need.closed' },
  cancel: {
    from: ['draft', 'open', 'fully_allocated'],
    to: 'cancelled',
    verb: 'cancelled',
    event: 'need.cancelled',
  },
};

/** Statuses in which the published facts of a need (title, quantity, place, contact…) may still be corrected. */
export const EDITABLE_NEED_STATUSES: readonly NeedStatus[] = ['draft', 'open', 'fully_allocated'];

const LABEL: Record<NeedStatus, string> = {
  draft: 'draft',
  open: 'open',
  fully_allocated: 'fully allocated',
  fulfilled: 'fulfilled',
  closed: 'closed',
  cancelled: 'cancelled',
};

const list = (statuses: readonly NeedStatus[]): string => {
  const labels = statuses.map((s) => LABEL[s]);
  return labels.length <= 1
    ? labels.join('')
    : `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
};

/** Why `transition` cannot happen to a need in `current`, as the 409 to raise. */
export function transitionRefused(transition: NeedTransition, current: NeedStatus): ConflictError {
  const rule = NEED_LIFECYCLE[transition];
  if (current === rule.to)
    return new ConflictError(`the need is already ${LABEL[current]}`, { code: 'need_already_in_state' });
  return new ConflictError(
    `the need is ${LABEL[current]}; only ${list(rule.from)} needs can be ${rule.verb}`,
    { code: 'need_transition_refused' },
  );
}

/** Why a need in `current` cannot be edited, as the 409 to raise. */
export function editRefused(current: NeedStatus): ConflictError {
  return new ConflictError(
    `the need is ${LABEL[current]}; only ${list(EDITABLE_NEED_STATUSES)} needs can be changed`,
    { code: 'need_not_editable' },
  );
}

/**
 * SQL for the status after the quantity of `alias` became `quantity`: a need whose claims cover the whole quantity is
 * fully allocated, one with room left is open; other statuses are not touched by an edit. SQL, not JS, so it is
 * decided on the row as it is when updated.
 */
export function statusAfterQuantitySql(alias: string, quantity: string): string {
  return `CASE WHEN ${alias}.status IN ('open', 'fully_allocated')
            THEN CASE WHEN ${alias}.allocated_quantity >= ${quantity} THEN 'fully_allocated' ELSE 'open' END
            ELSE ${alias}.status END`;
}
