import { Module } from '@nestjs/common';
import { HandoversModule } from '@ksbb/core';
import { HandoverAttachmentsController } from './handover-attachments.controller';
import { HandoversController } from './handovers.controller';
import { PublicLedgerController } from './public-ledger.controller';

/** `/handovers` and their attachments, and the public BAST and ledger endpoints. */
@Module({
  imports: [HandoversModule],
  controllers: [HandoversController, HandoverAttachmentsController, PublicLedgerController],
})
export class HandoversHttpModule {}
