/** Providers of the handovers concern, registered by CoreModule. */
export const HANDOVERS_PROVIDERS: import('@nestjs/common').Provider[] = [];
