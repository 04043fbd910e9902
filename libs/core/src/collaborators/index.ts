export * from './collaborator.entity';
export * from './collaborators.providers';
