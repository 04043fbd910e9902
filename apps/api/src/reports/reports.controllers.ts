import { PublicController } from './public.controller';
import { ReportSchedulesController } from './report-schedules.controller';
import { ReportsController } from './reports.controller';

/** Controllers of reports, report schedules/runs and the public statistics, registered by AppModule. */
export const REPORTS_CONTROLLERS: import('@nestjs/common').Type<unknown>[] = [
  ReportsController,
  PublicController,
  ReportSchedulesController,
];
