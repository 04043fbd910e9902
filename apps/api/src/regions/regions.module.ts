import { Module } from '@nestjs/common';
import { RegionsModule } from '@ksbb/core';
import { RegionsController } from './regions.controller';

/** `/regions`: the administrative tree. */
@Module({ imports: [RegionsModule], controllers: [RegionsController] })
export class RegionsHttpModule {}
