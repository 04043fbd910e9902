// `@ksbb/testing/worker`: the worker in the test process, on its own database.
export * from './test-worker';
