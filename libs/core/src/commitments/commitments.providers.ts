import type { Provider } from '@nestjs/common';
import { AllocationsRepository } from '../allocations/allocations.repository';
import { AllocationsService } from '../allocations/allocations.service';
import { CommitmentFormPdf } from './commitment-form.pdf';
import { CommitmentsRepository } from './commitments.repository';
import { CommitmentsService } from './commitments.service';

/** Providers of the commitments and allocations concerns, registered by CoreModule. */
export const COMMITMENTS_PROVIDERS: Provider[] = [
  CommitmentsRepository,
  CommitmentsService,
  CommitmentFormPdf,
  AllocationsRepository,
  AllocationsService,
];
