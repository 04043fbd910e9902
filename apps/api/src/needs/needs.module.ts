import { Module } from '@nestjs/common';
import { NeedsModule } from '@ksbb/core';
import { NeedsController } from './needs.controller';
import { NeedFlagsController } from './need-flags.controller';

/** `/needs`: publishing, search, the map and the CSV import. */
@Module({ imports: [NeedsModule], controllers: [NeedsController, NeedFlagsController] })
export class NeedsHttpModule {}
