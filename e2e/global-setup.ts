import { rm } from 'node:fs/promises';
import { migratedDataDir } from './tests/server.js';

/**
 * Builds the migrated PGlite template (when the API tests have not built it yet) before any
 * worker starts its server on a copy of it, so two workers never both pay for initdb.
 */
export default async function globalSetup(): Promise<void> {
  await rm(await migratedDataDir(), { recursive: true, force: true });
}
