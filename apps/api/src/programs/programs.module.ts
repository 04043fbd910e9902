import { Module } from '@nestjs/common';
import { ProgramsModule } from '@ksbb/core';
import { ProgramsController } from './programs.controller';

/** `/programs`: programs and their aid packages. */
@Module({ imports: [ProgramsModule], controllers: [ProgramsController] })
export class ProgramsHttpModule {}
