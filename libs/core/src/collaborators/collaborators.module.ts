import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AggregatorsModule } from '../aggregators/aggregators.module';
import { Collaborator } from './collaborator.entity';
import { CollaboratorsRepository } from './collaborators.repository';
import { CollaboratorsService } from './collaborators.service';

/** The donors (kolaborator): registration, Pokja's verification queue, their members. */
@Module({
  imports: [TypeOrmModule.forFeature([Collaborator]), AggregatorsModule],
  providers: [CollaboratorsRepository, CollaboratorsService],
  exports: [CollaboratorsService],
})
export class CollaboratorsModule {}
