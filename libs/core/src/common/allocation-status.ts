/**
 * A claim's (allocation's) life. Needs and handovers read these too, so they live here rather than in the
 * allocations folder (which depends on needs, not the other way round).
 */
export const ALLOCATION_STATUSES = [
  'reserved',
  'partially_delivered',
  'delivered',
  'released',
  'expired',
] as const;
export type AllocationStatus = (typeof ALLOCATION_STATUSES)[number];
/** Statuses whose quantity counts against the need and the commitment item. */
export const ACTIVE_ALLOCATION_STATUSES: AllocationStatus[] = [
  'reserved',
  'partially_delivered',
  'delivered',
];
