/** Controllers of reports, report schedules/runs and the public statistics, registered by AppModule. */
export const REPORTS_CONTROLLERS: import('@nestjs/common').Type<unknown>[] = [];
