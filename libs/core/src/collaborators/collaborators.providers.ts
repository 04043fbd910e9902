import { Provider } from '@nestjs/common';
import { AggregatorsRepository } from '../aggregators/aggregators.repository';
import { AggregatorsService } from '../aggregators/aggregators.service';
import { CollaboratorsRepository } from './collaborators.repository';
import { CollaboratorsService } from './collaborators.service';

/** Providers of the collaborators and aggregators concerns, registered by CoreModule. */
export const COLLABORATORS_PROVIDERS: Provider[] = [
  CollaboratorsRepository,
  CollaboratorsService,
  AggregatorsRepository,
  AggregatorsService,
];
