// `@ksbb/testing/api`: the API's e2e harness and the per-concern helpers its specs, the fuzzer and the chaos run
// share (a separate entry point, so a plain `@ksbb/testing` import does not load supertest, ExcelJS and Nest).
export * from './harness';
export * from './remote';
export * from './claim-flow';
export * from './commitments';
export * from './handovers';
export * from './needs';
export * from './reports';
export * from './fuzz-seed';
export * from './targets';
