export * from './handover.entity';
export * from './handover-item.entity';
export * from './handover-recipient.entity';
export * from './handover-attachment.entity';
export * from './handovers.providers';
