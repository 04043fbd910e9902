// `@ksbb/testing/processes`: the real apps as child processes, started by their file paths (never imported), for
// tests that kill them or drive them from outside (the admin's Chromium e2e, the notification suites, bench, chaos).
export * from './api-process';
export * from './worker-process';
