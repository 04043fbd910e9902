import { Module } from '@nestjs/common';
import { NeedsModule } from '@ksbb/core';
import { NeedsController } from './needs.controller';

/** `/needs`: publishing, search, the map and the CSV import. */
@Module({ imports: [NeedsModule], controllers: [NeedsController] })
export class NeedsHttpModule {}
