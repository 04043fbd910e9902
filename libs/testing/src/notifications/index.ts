// `@ksbb/testing/notifications`: real peers for what the worker delivers to (an SMTP server, a webhook endpoint).
export * from './smtp-peer';
export * from './webhook-receiver';
