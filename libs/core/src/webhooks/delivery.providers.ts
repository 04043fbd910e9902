/** Providers of notifications delivery (email, webhooks, in-app), registered by CoreModule. */
export const DELIVERY_PROVIDERS: import('@nestjs/common').Provider[] = [];
