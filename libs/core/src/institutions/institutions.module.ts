import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Institution } from './institution.entity';
import { InstitutionsRepository } from './institutions.repository';
import { InstitutionsService } from './institutions.service';

/** Reference data about the schools, MSMEs and vendor sites that needs target. */
@Module({
  imports: [TypeOrmModule.forFeature([Institution])],
  providers: [InstitutionsRepository, InstitutionsService],
  exports: [InstitutionsService],
})
export class InstitutionsModule {}
