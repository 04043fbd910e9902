export * from './need.entity';
export * from './needs.providers';
