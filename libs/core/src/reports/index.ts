export * from './report-schedule.entity';
export * from './report-run.entity';
export * from './reports.providers';
