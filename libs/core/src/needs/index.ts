export * from './need.entity';
export * from './need-flag.entity';
export * from './need-flags.service';
export * from './needs.module';
export * from './need.view';
export * from './need-lifecycle';
export * from './need-visibility';
export * from './need-csv';
export * from './needs.service';
export * from './needs-import.service';
// The repositories stay private to the module; their row and filter types are part of the services' contract.
export type * from './need-views.repository';
export type * from './needs.repository';
export type * from './needs-import.repository';
export type * from './need-flags.repository';
