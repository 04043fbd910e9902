/** An open claim (reserved or partially delivered) as a home page lists it. */
export interface HomeClaimView {
  id: string;
  status: 'reserved' | 'partially_delivered';
  quantity: number;
  deliveredQuantity: number;
  /** still to hand over: quantity − delivered */
  remaining: number;
  expiresAt: Date;
  /** named in a handover awaiting verification: it neither expires nor needs another handover now */
  handoverPending: boolean;
  needId: string;
  needTitle: string;
  regionCode: string;
  regionName: string;
  programCode: string;
  packageCode: string;
  commitmentId: string;
  commitmentNumber: string | null;
  collaboratorName: string;
}

/** A claim named in a rejected handover that still has to be handed over again. */
export interface HomeRejectedItemView {
  handoverId: string;
  bastNumber: string;
  rejectionReason: string | null;
  decidedAt: Date | null;
  allocationId: string;
  quantity: number;
  needId: string;
  needTitle: string;
  commitmentId: string;
  commitmentNumber: string | null;
}

/** One commitment's progress: pledged, claimed and delivered quantities summed over its items. */
export interface HomeCommitmentView {
  id: string;
  number: string | null;
  programCode: string;
  status: string;
  pledged: number;
  claimed: number;
  delivered: number;
}

/** A donor's or an aggregator's home: everything scoped to the caller's own organisation. */
export interface HomeView {
  role: 'collaborator' | 'aggregator';
  organisationId: string | null;
  organisationName: string | null;
  claims: HomeClaimView[];
  rejectedItems: HomeRejectedItemView[];
  commitments: HomeCommitmentView[];
}
