import { canonicalJson, sha256Hex } from '../common/hashing';

/** The `prevChainHash` of the first handover in the ledger. */
export const GENESIS_CHAIN_HASH = '0'.repeat(64);

export interface SignedParty {
  name: string;
  title: string;
  role: string;
  organization: string;
}

/**
 * What the giver, the receiver and the witnesses sign on a BAST, as stored. Its canonical JSON (keys sorted,
 * items ordered by allocation id, recipients' NIK hashes sorted, timestamps in ISO-8601 UTC) is hashed into
 * `contentHash`; the ledger check rebuilds it from the stored columns, so any later change shows.
 */
export interface SignedHandoverContent {
  bastNumber: string;
  programCode: string;
  commitmentNumber: string;
  handedOverAt: string;
  regionCode: string;
  address: string;
  location: { lon: number; lat: number } | null;
  giver: SignedParty;
  receiver: SignedParty & { nikMasked: string | null };
  witnesses: SignedParty[];
  items: { allocationId: string; quantity: number }[];
  recipientNikHashes: string[];
  notes: string;
  /**
   * The kelurahan officer's electronic confirmation as the witness. Present only once given, so the content (and
   * hash) of every handover confirmed by nobody is exactly what it was before confirmations existed.
   */
  kelurahanConfirmation?: { userId: string; name: string; confirmedAt: string };
}

/** A party as stored in the jsonb columns (optional fields may be missing). */
export interface StoredParty {
  name: string;
  title?: string;
  role?: string;
  organization?: string;
  nikMasked?: string;
}

export interface StoredHandoverContent {
  bastNumber: string;
  programCode: string;
  commitmentNumber: string;
  handedOverAt: Date | string;
  regionCode: string;
  address: string;
  lon: number | null;
  lat: number | null;
  giver: StoredParty;
  receiver: StoredParty;
  witnesses: StoredParty[];
  items: { allocationId: string; quantity: number }[];
  recipientNikHashes: string[];
  notes: string;
  kelurahanConfirmedBy?: string | null;
  kelurahanConfirmedName?: string | null;
  kelurahanConfirmedAt?: Date | string | null;
}

const party = (p: StoredParty): SignedParty => ({
  name: p.name,
  title: p.title ?? '',
  role: p.role ?? '',
  organization: p.organization ?? '',
});

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function signedHandoverContent(h: StoredHandoverContent): SignedHandoverContent {
  return {
    bastNumber: h.bastNumber,
    programCode: h.programCode,
    commitmentNumber: h.commitmentNumber,
    handedOverAt: new Date(h.handedOverAt).toISOString(),
    regionCode: h.regionCode,
    address: h.address,
    location: h.lon === null || h.lat === null ? null : { lon: h.lon, lat: h.lat },
    giver: party(h.giver),
    receiver: { ...party(h.receiver), nikMasked: h.receiver.nikMasked ?? null },
    witnesses: h.witnesses.map(party),
    items: [...h.items]
      .sort((a, b) => byString(a.allocationId, b.allocationId))
      .map((i) => ({ allocationId: i.allocationId, quantity: i.quantity })),
    recipientNikHashes: [...h.recipientNikHashes].sort(byString),
    notes: h.notes,
    ...(h.kelurahanConfirmedAt
      ? {
          kelurahanConfirmation: {
            userId: h.kelurahanConfirmedBy ?? '',
            name: h.kelurahanConfirmedName ?? '',
            confirmedAt: new Date(h.kelurahanConfirmedAt).toISOString(),
          },
        }
      : {}),
  };
}

export function handoverContentHash(content: SignedHandoverContent): string {
  return sha256Hex(canonicalJson(content));
}

/** SHA-256 of the previous chain hash followed by this content hash (both as hex text). */
export function nextChainHash(previousChainHash: string, contentHash: string): string {
  return sha256Hex(previousChainHash + contentHash);
}
