import { Module } from '@nestjs/common';
import { ReportsModule } from '@ksbb/core';
import { PublicController } from './public.controller';
import { ReportSchedulesController } from './report-schedules.controller';
import { ReportsController } from './reports.controller';

/** `/reports`, report schedules and runs, and the public statistics. */
@Module({
  imports: [ReportsModule],
  controllers: [ReportsController, ReportSchedulesController, PublicController],
})
export class ReportsHttpModule {}
