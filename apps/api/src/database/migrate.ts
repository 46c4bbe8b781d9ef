// `npm run migrate`: applies pending migrations and exits (they also run at every start).
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
const dataSource = new DataSource(dataSourceOptions(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { socketDir: embedded!.socketDir }, null));
await dataSource.initialize();
await runMigrations(dataSource, { exclusive: !embedded });
const applied = await dataSource.query('SELECT name FROM migrations ORDER BY id');
console.log(`Migrations applied: ${applied.map((row: { name: string }) => row.name).join(', ')}`);
await dataSource.destroy();
await embedded?.stop();
