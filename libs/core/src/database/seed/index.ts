export { seedDatabase } from './seed';
export type { SeedOptions, SeedSummary } from './seed';
export { REGIONS_CSV_PATH, resolveRegionsCsvPath, readRegionsCsv, parseRegionsCsv } from './regions-csv';
export type { RegionCsvRow } from './regions-csv';
export { DEMO_ACCOUNTS } from './demo-accounts.seed';
export { DEMO_COLLABORATOR_COUNTS, DEMO_DONOR_COLLABORATOR_NAME } from './demo-collaborators.data';
export { PROGRAMS, PACKAGES } from './programs.data';
export { AGGREGATORS } from './aggregators.seed';
