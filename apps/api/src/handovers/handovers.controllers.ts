import type { Type } from '@nestjs/common';
import { HandoverAttachmentsController } from './handover-attachments.controller';
import { HandoversController } from './handovers.controller';
import { PublicLedgerController } from './public-ledger.controller';

/** Controllers of the handovers concern and the public BAST/ledger endpoints, registered by AppModule. */
export const HANDOVERS_CONTROLLERS: Type<unknown>[] = [
  HandoversController,
  HandoverAttachmentsController,
  PublicLedgerController,
];
