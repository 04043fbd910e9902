/** Controllers of the handovers concern and the public BAST/ledger endpoints, registered by AppModule. */
export const HANDOVERS_CONTROLLERS: import('@nestjs/common').Type<unknown>[] = [];
