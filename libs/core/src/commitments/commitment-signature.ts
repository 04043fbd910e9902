import { canonicalJson, sha256Hex } from '../common/hashing';
import type { CommitmentView } from './commitment.view';

/**
 * What a signatory signs: the form as printed. Hashing its canonical JSON (keys sorted, items ordered by
 * package code, timestamps in ISO-8601 UTC) gives `signedHash`; anyone holding the commitment as the API returns
 * it can recompute the hash and see whether the form was changed after signing.
 */
export interface SignedCommitmentContent {
  number: string;
  collaborator: { id: string; name: string };
  programCode: string;
  deliveryMode: string;
  aggregator: { id: string; name: string } | null;
  items: { packageCode: string; quantity: number; unitValue: number }[];
  totalValue: number;
  plannedFrom: string;
  plannedTo: string;
  notes: string;
  signatory: { name: string; title: string };
  signedAt: string;
}

type SignableCommitment = Pick<
  CommitmentView,
  | 'collaboratorId'
  | 'collaboratorName'
  | 'programCode'
  | 'deliveryMode'
  | 'aggregatorId'
  | 'aggregatorName'
  | 'totalValue'
  | 'plannedFrom'
  | 'plannedTo'
  | 'notes'
> & {
  number: string | null;
  signatoryName: string | null;
  signatoryTitle: string | null;
  signedAt: Date | string | null;
  items: { packageCode: string; quantity: number; unitValue: number }[];
};

/** The signed content of a commitment (as read from the database or from the API's JSON). */
export function commitmentSignedContent(c: SignableCommitment): SignedCommitmentContent {
  if (!c.number || !c.signatoryName || !c.signatoryTitle || !c.signedAt) {
    throw new Error('the commitment is not signed');
  }
  return {
    number: c.number,
    collaborator: { id: c.collaboratorId, name: c.collaboratorName },
    programCode: c.programCode,
    deliveryMode: c.deliveryMode,
    aggregator: c.aggregatorId ? { id: c.aggregatorId, name: c.aggregatorName ?? '' } : null,
    items: [...c.items]
      .sort((a, b) => (a.packageCode < b.packageCode ? -1 : a.packageCode > b.packageCode ? 1 : 0))
      .map((i) => ({ packageCode: i.packageCode, quantity: i.quantity, unitValue: i.unitValue })),
    totalValue: c.totalValue,
    plannedFrom: c.plannedFrom,
    plannedTo: c.plannedTo,
    notes: c.notes,
    signatory: { name: c.signatoryName, title: c.signatoryTitle },
    signedAt: new Date(c.signedAt).toISOString(),
  };
}

/** SHA-256 (hex) of the canonical JSON of the signed content. */
export function commitmentSignedHash(content: SignedCommitmentContent): string {
  return sha256Hex(canonicalJson(content));
}
