import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AidPackage } from './package.entity';
import { Program } from './program.entity';
import { ProgramsRepository } from './programs.repository';
import { ProgramsService } from './programs.service';

/** The KSBB programs and their aid packages. */
@Module({
  imports: [TypeOrmModule.forFeature([Program, AidPackage])],
  providers: [ProgramsRepository, ProgramsService],
  exports: [ProgramsService],
})
export class ProgramsModule {}
