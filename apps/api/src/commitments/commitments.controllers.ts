import type { Type } from '@nestjs/common';
import { AllocationsController } from './allocations.controller';
import { CommitmentsController } from './commitments.controller';

/** Controllers of the commitments and allocations concerns, registered by AppModule. */
export const COMMITMENTS_CONTROLLERS: Type<unknown>[] = [CommitmentsController, AllocationsController];
