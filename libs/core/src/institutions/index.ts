export * from './institution.entity';
export * from './institution.view';
export * from './institution-csv';
export * from './institutions.module';
export * from './institutions.service';
export type * from './institutions.repository';
