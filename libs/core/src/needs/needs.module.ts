import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProgramsModule } from '../programs/programs.module';
import { RegionsModule } from '../regions/regions.module';
import { Need } from './need.entity';
import { NeedViewsRepository } from './need-views.repository';
import { NeedsImportRepository } from './needs-import.repository';
import { NeedsImportService } from './needs-import.service';
import { NeedsRepository } from './needs.repository';
import { NeedsService } from './needs.service';

/** What the city publishes: needs, their lifecycle, search, the map and the CSV import. */
@Module({
  imports: [TypeOrmModule.forFeature([Need]), ProgramsModule, RegionsModule],
  providers: [NeedsRepository, NeedViewsRepository, NeedsService, NeedsImportRepository, NeedsImportService],
  exports: [NeedsService, NeedsImportService],
})
export class NeedsModule {}
