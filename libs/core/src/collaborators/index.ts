export * from './collaborator.entity';
export * from './collaborator-lifecycle';
export * from './collaborators.module';
export * from './collaborators.service';
export * from './look-alike';
export type * from './collaborators.repository';
