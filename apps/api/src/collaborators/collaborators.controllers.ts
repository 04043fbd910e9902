import { Type } from '@nestjs/common';
import { AggregatorsController } from './aggregators.controller';
import { CollaboratorsController } from './collaborators.controller';

/** Controllers of the collaborators and aggregators concerns, registered by AppModule. */
export const COLLABORATORS_CONTROLLERS: Type<unknown>[] = [CollaboratorsController, AggregatorsController];
