/** Providers of the collaborators and aggregators concerns, registered by CoreModule. */
export const COLLABORATORS_PROVIDERS: import('@nestjs/common').Provider[] = [];
