/** Controllers of the collaborators and aggregators concerns, registered by AppModule. */
export const COLLABORATORS_CONTROLLERS: import('@nestjs/common').Type<unknown>[] = [];
