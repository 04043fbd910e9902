export * from './allocation.entity';
export * from './allocation.view';
export * from './allocations.module';
export * from './allocations.service';
