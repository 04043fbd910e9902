import type { StoredParty } from './handover-content';
import type { HandoverStatus } from './handover.entity';

export interface KelurahanConfirmation {
  userId: string;
  name: string;
  confirmedAt: Date;
}

export interface DuplicateWarning {
  nikMasked: string;
  bastNumber: string;
}

/** One line of a handover: how much was handed over against which allocation (and so which need and package). */
export interface HandoverItemView {
  allocationId: string;
  needId: string;
  needTitle: string;
  packageCode: string;
  packageName: string;
  unit: string;
  quantity: number;
}

export interface HandoverAttachmentView {
  id: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  originalName: string;
  uploadedBy: string | null;
  createdAt: Date;
}

/** A beneficiary as operators see it: the masked NIK and the name, never the NIK. */
export interface HandoverRecipientView {
  nikMasked: string;
  name: string;
}

/** A handover as read, with the names of what it refers to. Holds no NIK, only masks. */
export interface HandoverView {
  id: string;
  bastNumber: string;
  status: HandoverStatus;
  programCode: string;
  programName: string;
  commitmentId: string;
  commitmentNumber: string;
  collaboratorId: string;
  collaboratorName: string;
  aggregatorId: string | null;
  aggregatorName: string | null;
  handedOverAt: Date;
  regionCode: string;
  regionName: string;
  lon: number | null;
  lat: number | null;
  /** the device's reported accuracy of lon/lat in metres (staff and the submitter only; never public) */
  locationAccuracyM: number | null;
  address: string;
  giver: StoredParty;
  receiver: StoredParty;
  witnesses: StoredParty[];
  /** The kelurahan officer's electronic confirmation as the witness (who and when); part of the signed content. */
  kelurahanConfirmation: KelurahanConfirmation | null;
  notes: string;
  duplicateWarnings: DuplicateWarning[];
  submittedBy: string | null;
  submittedByKind: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  rejectionReason: string | null;
  contentHash: string | null;
  chainHash: string | null;
  chainSeq: number | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  items: HandoverItemView[];
  totalQuantity: number;
  recipientCount: number;
  /** null unless the reader may see beneficiaries (staff) */
  recipients: HandoverRecipientView[] | null;
  attachments: HandoverAttachmentView[];
}

export interface HandoverFilter {
  status?: HandoverStatus;
  commitmentId?: string;
  programCode?: string;
  /** handovers with an item from this need */
  needId?: string;
  /** handovers of commitments routed to this aggregator */
  aggregatorId?: string;
  /** true: only those the kelurahan officer has confirmed as witness; false: only those not (yet) confirmed */
  kelurahanConfirmed?: boolean;
}

/** What the public may know of a verified BAST: no names, no NIKs, no addresses. */
export interface PublicBastView {
  bastNumber: string;
  status: HandoverStatus;
  program: { code: string; name: string };
  village: { code: string; name: string } | null;
  handedOverAt: string;
  items: { packageCode: string; package: string; unit: string; quantity: number }[];
  totalQuantity: number;
  contentHash: string;
  chainHash: string;
  chainSeq: number;
  /** the giver organisation: null for an individual who did not opt in to being named */
  collaborator: { name: string; type: string } | null;
  aggregator: { name: string } | null;
  /** the human page that shows this BAST (what its QR code encodes) */
  verificationUrl: string;
  /** the recomputation of the whole ledger, at the time of asking */
  ledger: LedgerCheck;
}

/** What the ledger's table holds of a public BAST; the service adds the URL and the chain check. */
export type PublicBastRow = Omit<PublicBastView, 'verificationUrl' | 'ledger'>;

export interface LedgerCheck {
  ok: boolean;
  length: number;
  head: string | null;
  firstBadBastNumber?: string;
}
