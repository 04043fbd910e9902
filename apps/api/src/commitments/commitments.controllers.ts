/** Controllers of the commitments and allocations concerns, registered by AppModule. */
export const COMMITMENTS_CONTROLLERS: import('@nestjs/common').Type<unknown>[] = [];
