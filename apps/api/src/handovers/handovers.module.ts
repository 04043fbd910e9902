import { Module } from '@nestjs/common';
import { HandoversModule } from '@ksbb/core';
import { HandoverAttachmentsController } from './handover-attachments.controller';
import { HandoversController } from './handovers.controller';
import { MeHomeController } from './me-home.controller';
import { PublicLedgerController } from './public-ledger.controller';

/** `/handovers` and their attachments, the public BAST and ledger endpoints, and a deliverer's `/me/home`. */
@Module({
  imports: [HandoversModule],
  controllers: [HandoversController, HandoverAttachmentsController, PublicLedgerController, MeHomeController],
})
export class HandoversHttpModule {}
