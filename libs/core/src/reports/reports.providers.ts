import type { Provider } from '@nestjs/common';
import { ReportExporter } from './export/report-exporter';
import { PublicRepository } from './public/public.repository';
import { PublicService } from './public/public.service';
import { PublicSnapshots } from './public/public-snapshots';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';
import { RollupFolder } from './rollups/rollup-folder';
import { RollupsRepository } from './rollups/rollups.repository';
import { ReportSchedulesRepository } from './schedules/report-schedules.repository';
import { ReportSchedulesService } from './schedules/report-schedules.service';
import { ScheduledReportRunner } from './schedules/scheduled-report.runner';

/** Providers of reporting and public transparency, registered by CoreModule. */
export const REPORTS_PROVIDERS: Provider[] = [
  RollupsRepository,
  RollupFolder,
  ReportsRepository,
  ReportsService,
  ReportExporter,
  PublicRepository,
  PublicSnapshots,
  PublicService,
  ReportSchedulesRepository,
  ReportSchedulesService,
  ScheduledReportRunner,
];
