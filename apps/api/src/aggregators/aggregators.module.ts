import { Module } from '@nestjs/common';
import { AggregatorsModule } from '@ksbb/core';
import { AggregatorsController } from './aggregators.controller';

/** `/aggregators`: the official partner organisations. */
@Module({ imports: [AggregatorsModule], controllers: [AggregatorsController] })
export class AggregatorsHttpModule {}
