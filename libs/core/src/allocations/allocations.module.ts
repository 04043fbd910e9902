import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitmentsModule } from '../commitments/commitments.module';
import { NeedsModule } from '../needs/needs.module';
import { Allocation } from './allocation.entity';
import { AllocationsRepository } from './allocations.repository';
import { AllocationsService } from './allocations.service';

/**
 * Claims (allocations) of needs against commitment items: the no-overlap rule, release, expiry, and the
 * cancellation of a commitment, which gives its claims back (allocations depend on commitments, never the reverse).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Allocation]), CommitmentsModule, NeedsModule],
  providers: [AllocationsRepository, AllocationsService],
  exports: [AllocationsService],
})
export class AllocationsModule {}
