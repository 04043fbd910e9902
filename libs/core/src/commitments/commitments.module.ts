import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AggregatorsModule } from '../aggregators/aggregators.module';
import { CollaboratorsModule } from '../collaborators/collaborators.module';
import { ProgramsModule } from '../programs/programs.module';
import { CommitmentFormPdf } from './commitment-form.pdf';
import { CommitmentItem } from './commitment-item.entity';
import { Commitment } from './commitment.entity';
import { CommitmentsRepository } from './commitments.repository';
import { CommitmentsService } from './commitments.service';

/** The commitment form (formulir komitmen): drafted, e-signed and numbered, decided by Pokja. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Commitment, CommitmentItem]),
    CollaboratorsModule,
    AggregatorsModule,
    ProgramsModule,
  ],
  providers: [CommitmentsRepository, CommitmentsService, CommitmentFormPdf],
  exports: [CommitmentsService, CommitmentFormPdf],
})
export class CommitmentsModule {}
