import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Aggregator } from './aggregator.entity';
import { AggregatorsRepository } from './aggregators.repository';
import { AggregatorsService } from './aggregators.service';

/** The official partner organisations (agregator) that deliver on collaborators' behalf. */
@Module({
  imports: [TypeOrmModule.forFeature([Aggregator])],
  providers: [AggregatorsRepository, AggregatorsService],
  exports: [AggregatorsService],
})
export class AggregatorsModule {}
