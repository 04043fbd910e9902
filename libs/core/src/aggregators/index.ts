export * from './aggregator.entity';
export * from './aggregators.module';
export * from './aggregators.service';
export type * from './aggregators.repository';
