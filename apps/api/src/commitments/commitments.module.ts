import { Module } from '@nestjs/common';
import { AllocationsModule, CommitmentsModule } from '@ksbb/core';
import { CommitmentsController } from './commitments.controller';

/** `/commitments`: the commitment form; cancelling goes through allocations, which give the claims back. */
@Module({ imports: [CommitmentsModule, AllocationsModule], controllers: [CommitmentsController] })
export class CommitmentsHttpModule {}
