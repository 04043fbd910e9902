import type { Provider } from '@nestjs/common';
import { FileStorage } from '../storage/file-storage';
import { LocalDiskStorage } from '../storage/local-disk.storage';
import { BastPdf } from './bast.pdf';
import { HandoverAttachmentsService } from './handover-attachments.service';
import { HandoverDecisionsService } from './handover-decisions.service';
import { HandoverLedgerRepository } from './handover-ledger.repository';
import { HandoverLedgerService } from './handover-ledger.service';
import { HandoverViewsRepository } from './handover-views.repository';
import { HandoversRepository } from './handovers.repository';
import { HandoversService } from './handovers.service';

/** Providers of the handovers concern (and the file storage it uses), registered by CoreModule. */
export const HANDOVERS_PROVIDERS: Provider[] = [
  { provide: FileStorage, useClass: LocalDiskStorage },
  HandoversRepository,
  HandoverViewsRepository,
  HandoverLedgerRepository,
  HandoversService,
  HandoverDecisionsService,
  HandoverAttachmentsService,
  HandoverLedgerService,
  BastPdf,
];
