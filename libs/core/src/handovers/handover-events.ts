import type { HandoverView } from './handover.view';

/** What the outbox carries: ids, numbers and totals; no names and no NIK (webhooks leave the platform). */
export function handoverEventPayload(h: HandoverView): Record<string, unknown> {
  return {
    handoverId: h.id,
    bastNumber: h.bastNumber,
    status: h.status,
    programCode: h.programCode,
    commitmentId: h.commitmentId,
    collaboratorId: h.collaboratorId,
    aggregatorId: h.aggregatorId,
    regionCode: h.regionCode,
    handedOverAt: h.handedOverAt,
    items: h.items.map((i) => ({ allocationId: i.allocationId, needId: i.needId, quantity: i.quantity })),
    totalQuantity: h.totalQuantity,
    recipientCount: h.recipientCount,
    contentHash: h.contentHash,
    chainHash: h.chainHash,
    chainSeq: h.chainSeq,
    reason: h.rejectionReason,
  };
}

/** The audit trail's before/after of a handover: the record without beneficiaries (masks are in the view). */
export function handoverAuditView(h: HandoverView): Record<string, unknown> {
  const { recipients: _, attachments, ...rest } = h;
  return { ...rest, attachmentCount: attachments.length };
}
