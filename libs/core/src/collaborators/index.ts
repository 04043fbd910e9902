export * from './collaborator.entity';
export * from './collaborator-lifecycle';
export * from './collaborators.module';
export * from './collaborators.service';
export type * from './collaborators.repository';
