import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProgramsModule } from '../programs/programs.module';
import { RegionsModule } from '../regions/regions.module';
import { Need } from './need.entity';
import { NeedFlag } from './need-flag.entity';
import { NeedFlagsRepository } from './need-flags.repository';
import { NeedFlagsService } from './need-flags.service';
import { NeedViewsRepository } from './need-views.repository';
import { NeedsImportRepository } from './needs-import.repository';
import { NeedsImportService } from './needs-import.service';
import { NeedsRepository } from './needs.repository';
import { NeedsService } from './needs.service';

/** What the city publishes: needs, their lifecycle, search, the map and the CSV import. */
@Module({
  imports: [TypeOrmModule.forFeature([Need, NeedFlag]), ProgramsModule, RegionsModule],
  providers: [
    NeedsRepository,
    NeedViewsRepository,
    NeedsService,
    NeedsImportRepository,
    NeedsImportService,
    NeedFlagsRepository,
    NeedFlagsService,
  ],
  exports: [NeedsService, NeedsImportService, NeedFlagsService],
})
export class NeedsModule {}
