import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReportExporter } from './export/report-exporter';
import { PublicSnapshots } from './public/public-snapshots';
import { PublicRepository } from './public/public.repository';
import { PublicService } from './public/public.service';
import { ReportRun } from './report-run.entity';
import { ReportSchedule } from './report-schedule.entity';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';
import { ReportCommitmentFact, ReportDirtyCommitment } from './rollups/report-commitment-fact.entity';
import { ReportFact } from './rollups/report-fact.entity';
import { ReportDailyRollup, ReportRegionRollup, ReportVillageRollup } from './rollups/report-rollups.entity';
import { RollupFolder } from './rollups/rollup-folder';
import { RollupVersion } from './rollups/rollup-version';
import { RollupsRepository } from './rollups/rollups.repository';
import { ReportSchedulesRepository } from './schedules/report-schedules.repository';
import { ReportSchedulesService } from './schedules/report-schedules.service';
import { ScheduledReportRunner } from './schedules/scheduled-report.runner';

/**
 * Reports from trigger-fed rollups (summary, coverage, scorecards, timeseries; JSON, CSV, XLSX), their schedules
 * and runs, and the public transparency figures. Reads the other concerns' tables only through SQL views of facts.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ReportSchedule,
      ReportRun,
      ReportFact,
      ReportRegionRollup,
      ReportVillageRollup,
      ReportDailyRollup,
      ReportCommitmentFact,
      ReportDirtyCommitment,
    ]),
    NotificationsModule,
  ],
  providers: [
    RollupsRepository,
    RollupVersion,
    RollupFolder,
    ReportsRepository,
    ReportSchedulesRepository,
    ReportsService,
    ReportExporter,
    PublicRepository,
    PublicSnapshots,
    PublicService,
    ReportSchedulesService,
    ScheduledReportRunner,
  ],
  exports: [
    RollupFolder,
    RollupVersion,
    ReportsService,
    ReportExporter,
    PublicService,
    ReportSchedulesService,
    ScheduledReportRunner,
  ],
})
export class ReportsModule {}
