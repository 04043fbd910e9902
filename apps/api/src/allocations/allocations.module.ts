import { Module } from '@nestjs/common';
import { AllocationsModule } from '@ksbb/core';
import { AllocationsController } from './allocations.controller';

/** `/allocations`: claims on needs. */
@Module({ imports: [AllocationsModule], controllers: [AllocationsController] })
export class AllocationsHttpModule {}
