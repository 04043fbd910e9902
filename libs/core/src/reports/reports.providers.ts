import type { Provider } from '@nestjs/common';
import { ReportExporter } from './export/report-exporter';
import { PublicRepository } from './public/public.repository';
import { PublicService } from './public/public.service';
import { PublicSnapshots } from './public/public-snapshots';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';
import { RollupFolder } from './rollups/rollup-folder';
import { ReportSchedulesService } from './schedules/report-schedules.service';
import { ScheduledReportRunner } from './schedules/scheduled-report.runner';

/** Providers of reporting and public transparency, registered by CoreModule. */
export const REPORTS_PROVIDERS: Provider[] = [
  RollupFolder,
  ReportsRepository,
  ReportsService,
  ReportExporter,
  PublicRepository,
  PublicSnapshots,
  PublicService,
  ReportSchedulesService,
  ScheduledReportRunner,
];
