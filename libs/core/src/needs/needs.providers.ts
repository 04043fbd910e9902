/** Providers of the needs concern, registered by CoreModule. */
export const NEEDS_PROVIDERS: import('@nestjs/common').Provider[] = [];
