/** Controllers of notifications and webhooks, registered by AppModule. */
export const NOTIFICATIONS_CONTROLLERS: import('@nestjs/common').Type<unknown>[] = [];
