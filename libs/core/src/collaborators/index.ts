export * from './collaborator.entity';
export * from './collaborator-lifecycle';
export * from './collaborators.providers';
export * from './collaborators.repository';
export * from './collaborators.service';
export * from '../aggregators/aggregators.repository';
export * from '../aggregators/aggregators.service';
