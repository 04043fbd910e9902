/**
 * Who hears about which event. Recipients are resolved when the event is dispatched (set-based SQL in
 * `DeliveriesRepository`), from the event's aggregate: the collaborator it concerns and the aggregator it is
 * routed to.
 */

/** Events partner systems may subscribe to (the contract's list). Anything else is refused with 400. */
export const WEBHOOK_EVENT_TYPES = [
  'collaborator.verified',
  'commitment.submitted',
  'commitment.approved',
  'commitment.rejected',
  'allocation.reserved',
  'allocation.expiring',
  'allocation.expired',
  'allocation.released',
  'handover.submitted',
  'handover.verified',
  'handover.rejected',
  'report.ready',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const isWebhookEventType = (type: string): type is WebhookEventType =>
  (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);

export interface Audience {
  /** Active Pokja staff (admin and operator): they act on submitted and registered things. */
  operators: boolean;
  /** Members of the collaborator the event concerns. */
  collaboratorMembers: boolean;
  /** Members of the aggregator the commitment is routed to. */
  aggregatorMembers: boolean;
  /** The user who asked for it (a report schedule's creator). */
  requester: boolean;
  /** Whether email goes out besides the in-app notification. */
  email: boolean;
}

const audience = (a: Partial<Audience>): Audience => ({
  operators: false,
  collaboratorMembers: false,
  aggregatorMembers: false,
  requester: false,
  email: true,
  ...a,
});

const HOLDERS = audience({ collaboratorMembers: true, aggregatorMembers: true });

export const EVENT_AUDIENCES: Readonly<Record<string, Audience>> = {
  'collaborator.registered': audience({ operators: true }),
  'collaborator.verified': audience({ collaboratorMembers: true }),
  'commitment.submitted': audience({ operators: true }),
  'commitment.approved': HOLDERS,
  'commitment.rejected': audience({ collaboratorMembers: true }),
  'allocation.reserved': HOLDERS,
  'allocation.expiring': HOLDERS,
  'allocation.expired': HOLDERS,
  'allocation.released': HOLDERS,
  'handover.submitted': audience({ operators: true }),
  'handover.verified': HOLDERS,
  'handover.rejected': HOLDERS,
  // The report file itself is emailed by the report run to the schedule's recipients; here only the in-app note.
  'report.ready': audience({ requester: true, email: false }),
  // The self-registered user (the event's aggregate): the email carries the verification link.
  'user.email_verification_requested': audience({ requester: true }),
};

/** The parties an event concerns, read from its aggregate. */
export interface EventParties {
  collaboratorId: string | null;
  aggregatorId: string | null;
  requesterId: string | null;
}

export const NO_PARTIES: EventParties = { collaboratorId: null, aggregatorId: null, requesterId: null };
