/** Providers of reporting and public transparency, registered by CoreModule. */
export const REPORTS_PROVIDERS: import('@nestjs/common').Provider[] = [];
