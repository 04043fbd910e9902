import { Module } from '@nestjs/common';
import { InstitutionsModule } from '@ksbb/core';
import { InstitutionsController } from './institutions.controller';

/** `/institutions`: schools, MSMEs and vendor sites as reference data; `/public/institutions-reached`. */
@Module({ imports: [InstitutionsModule], controllers: [InstitutionsController] })
export class InstitutionsHttpModule {}
