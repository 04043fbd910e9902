import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { NotFoundError } from '../common/domain-errors';
import {
  GENESIS_CHAIN_HASH,
  handoverContentHash,
  nextChainHash,
  signedHandoverContent,
} from './handover-content';
import { HandoverLedgerRepository } from './handover-ledger.repository';
import type { HandoverView, LedgerCheck, PublicBastView } from './handover.view';
import type { BastDocument } from './bast.pdf';

const BATCH = 500;

/** The public face of the ledger: one verified BAST without personal data, and a full recomputation. */
@Injectable()
export class HandoverLedgerService {
  constructor(
    private readonly ledger: HandoverLedgerRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `PUBLIC_SITE_URL/bast/BAST/PANGAN/2026/000001`: the public verification page, what the BAST's QR code encodes. */
  verificationUrl(bastNumber: string): string {
    return bastVerificationUrl(this.config.PUBLIC_SITE_URL ?? this.config.PUBLIC_BASE_URL, bastNumber);
  }

  /** What the BAST PDF prints; a record awaiting verification shows the hash its content has now. */
  async bastDocument(handover: HandoverView): Promise<BastDocument> {
    const contentHash =
      handover.contentHash ??
      handoverContentHash(signedHandoverContent(await this.ledger.content(handover.id)));
    return { handover, contentHash, verificationUrl: this.verificationUrl(handover.bastNumber) };
  }

  /** Only verified handovers are public; anything else is "not found". */
  async publicBast(bastNumber: string): Promise<PublicBastView> {
    const row = await this.ledger.publicBast(bastNumber);
    if (!row) throw new NotFoundError('verified BAST', bastNumber);
    return { ...row, verificationUrl: this.verificationUrl(row.bastNumber), ledger: await this.verify() };
  }

  /**
   * Recomputes every verified handover's content hash from its stored columns and the chain in `chain_seq`
   * order; the first handover whose position, content hash or chain hash does not match is reported.
   */
  async verify(): Promise<LedgerCheck> {
    let previous = GENESIS_CHAIN_HASH;
    let expectedSeq = 1;
    let length = 0;
    for (;;) {
      const rows = await this.ledger.batch(expectedSeq - 1, BATCH);
      for (const row of rows) {
        const contentHash = handoverContentHash(signedHandoverContent(row));
        const chainHash = nextChainHash(previous, contentHash);
        if (row.chainSeq !== expectedSeq || row.contentHash !== contentHash || row.chainHash !== chainHash) {
          const { length: total, head } = await this.ledger.summary();
          return { ok: false, length: total, head, firstBadBastNumber: row.bastNumber };
        }
        previous = chainHash;
        expectedSeq += 1;
        length += 1;
      }
      if (rows.length < BATCH) break;
    }
    return { ok: true, length, head: length > 0 ? previous : null };
  }
}

/**
 * The public site's page of a BAST: `<site>/bast/BAST/PANGAN/2026/000001`. The number's slashes stay path separators
 * (a readable, stable URL); each part is URL-encoded.
 */
export function bastVerificationUrl(publicSiteUrl: string, bastNumber: string): string {
  const path = bastNumber.split('/').map(encodeURIComponent).join('/');
  return `${publicSiteUrl.replace(/\/+$/, '')}/bast/${path}`;
}
