import { dropStaleTestDatabases, ensureTemplate } from './database';

/** Jest global setup: one migrated, seeded template database for the whole run. */
export default async function globalSetup(): Promise<void> {
  await dropStaleTestDatabases();
  await ensureTemplate();
}
