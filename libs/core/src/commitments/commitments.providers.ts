/** Providers of the commitments and allocations concerns, registered by CoreModule. */
export const COMMITMENTS_PROVIDERS: import('@nestjs/common').Provider[] = [];
