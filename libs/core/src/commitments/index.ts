export * from './commitment.entity';
export * from './commitment-item.entity';
export * from './commitments.providers';
export * from '../allocations/allocation.entity';
export * from '../numbering/numbering';
