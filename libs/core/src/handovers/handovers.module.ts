import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AggregatorsModule } from '../aggregators/aggregators.module';
import { AllocationsModule } from '../allocations/allocations.module';
import { CommitmentsModule } from '../commitments/commitments.module';
import { ProgramsModule } from '../programs/programs.module';
import { RegionsModule } from '../regions/regions.module';
import { BastPdf } from './bast.pdf';
import { HandoverAttachment } from './handover-attachment.entity';
import { HandoverAttachmentsService } from './handover-attachments.service';
import { HandoverDecisionsService } from './handover-decisions.service';
import { HandoverItem } from './handover-item.entity';
import { HandoverLedgerRepository } from './handover-ledger.repository';
import { HandoverLedgerService } from './handover-ledger.service';
import { HandoverRecipient } from './handover-recipient.entity';
import { HandoverViewsRepository } from './handover-views.repository';
import { Handover } from './handover.entity';
import { HandoversRepository } from './handovers.repository';
import { HandoversService } from './handovers.service';
import { HomeRepository } from './home.repository';
import { HomeService } from './home.service';

/** Handovers and their signed, numbered BAST: submission, verification, attachments, the public hash chain. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Handover, HandoverItem, HandoverRecipient, HandoverAttachment]),
    CommitmentsModule,
    AllocationsModule,
    AggregatorsModule,
    ProgramsModule,
    RegionsModule,
  ],
  providers: [
    HandoversRepository,
    HandoverViewsRepository,
    HandoverLedgerRepository,
    HandoversService,
    HandoverDecisionsService,
    HandoverAttachmentsService,
    HandoverLedgerService,
    BastPdf,
    HomeRepository,
    HomeService,
  ],
  exports: [
    HandoversService,
    HandoverDecisionsService,
    HandoverAttachmentsService,
    HandoverLedgerService,
    BastPdf,
    HomeService,
  ],
})
export class HandoversModule {}
