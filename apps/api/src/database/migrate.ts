// `npm run migrate`: applies pending migrations and exits (they also run at every start,
// unless MIGRATE_ON_START=false). As MIGRATION_DATABASE_URL's role when it is set, else as
// DATABASE_URL's; always without the request timeouts.
import { DataSource } from 'typeorm';
import { configFromEnv } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { EmbeddedPostgres } from './embedded-postgres.js';
import { describeRepair, makeDataDirPrivate } from './private-data-dir.js';
import { runMigrations } from './run-migrations.js';

const config = configFromEnv();
const repaired = describeRepair(config.dataDir, await makeDataDirPrivate(config.dataDir));
if (repaired) console.warn(repaired);
const embedded = config.databaseUrl ? null : await EmbeddedPostgres.start(config.dataDir);
const databaseUrl = config.migrationDatabaseUrl ?? config.databaseUrl;
const dataSource = new DataSource(dataSourceOptions(databaseUrl ? { databaseUrl } : { socketDir: embedded!.socketDir }, null));
await dataSource.initialize();
await runMigrations(dataSource, { exclusive: !embedded });
const applied = await dataSource.query('SELECT name FROM migrations ORDER BY id');
console.log(`Migrations applied: ${applied.map((row: { name: string }) => row.name).join(', ')}`);
await dataSource.destroy();
await embedded?.stop();
