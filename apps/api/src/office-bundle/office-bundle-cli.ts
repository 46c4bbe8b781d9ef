// `npm run office-export -- SLUG [FILE]` and `npm run office-import -- FILE` (docs/operations.md,
// moving an office). Exit code 0 done, 2 refused (the message says why), 1 failed.
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { ensureBackupsFolder, exists } from '../backup/backup-files.js';
import { configFromEnv } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { EmbeddedPostgres, embeddedSocketAnswers } from '../database/embedded-postgres.js';
import { makeDataDirPrivate } from '../database/private-data-dir.js';
import { runMigrations } from '../database/run-migrations.js';
import { BundleRefusal, type BundleSummary } from './office-bundle.js';
import { bundleFileName, readBundleFile, writeBundleFile } from './office-bundle-file.js';
import type { Sql } from './office-bundle.repository.js';

const USAGE = 'usage: office-export SLUG [FILE]  |  office-import FILE';

/**
 * The database this command works on, on a connection of its own: DATABASE_URL's (an import:
 * MIGRATION_DATABASE_URL's when set, the schema's owner), else the embedded one, which no API
 * may hold meanwhile. An import first brings the schema up to this build's migrations.
 */
async function withDatabase<T>(purpose: 'export' | 'import', work: (sql: Sql) => Promise<T>): Promise<T> {
  const config = configFromEnv();
  await makeDataDirPrivate(config.dataDir);
  const databaseUrl = purpose === 'import' ? (config.migrationDatabaseUrl ?? config.databaseUrl) : config.databaseUrl;
  let embedded: EmbeddedPostgres | null = null;
  if (!databaseUrl) {
    if (await embeddedSocketAnswers(config.dataDir)) {
      throw new BundleRefusal(
        'database_in_use',
        `The API (or a backup) is using the embedded database in ${config.dataDir}: stop it first, then run this again`,
      );
    }
    if (purpose === 'export' && !(await exists(join(config.dataDir, 'pglite', 'PG_VERSION')))) {
      throw new BundleRefusal('not_found', `There is no embedded database in ${config.dataDir} to export from`);
    }
    embedded = await EmbeddedPostgres.start(config.dataDir);
  }
  const dataSource = new DataSource(dataSourceOptions(databaseUrl ? { databaseUrl } : { socketDir: embedded!.socketDir }, null));
  try {
    await dataSource.initialize();
    if (purpose === 'import') await runMigrations(dataSource, { exclusive: !embedded });
    const runner = dataSource.createQueryRunner();
    try {
      return await work((text, params) => runner.query(text, params));
    } finally {
      await runner.release();
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}

function describe(summary: BundleSummary): string {
  const rows = Object.values(summary.counts).reduce((total, count) => total + count, 0);
  const tables = Object.entries(summary.counts)
    .filter(([, count]) => count > 0)
    .map(([table, count]) => `${table} ${count}`)
    .join(', ');
  return `${summary.office.name} (${summary.office.slug}): ${rows} rows (${tables})`;
}

async function exportCommand(args: string[]): Promise<string> {
  if (args.length < 1 || args.length > 2 || args.some((arg) => arg.startsWith('--'))) throw new BundleRefusal('usage', USAGE);
  const [slug, file] = args;
  const now = new Date();
  // npm runs scripts from the repository root; a relative FILE is where the user typed it.
  const path = file
    ? resolve(process.env.INIT_CWD ?? process.cwd(), file)
    : join(await ensureBackupsFolder(configFromEnv().dataDir), bundleFileName(slug, now));
  const written = await withDatabase('export', (sql) => writeBundleFile(sql, slug, path, now));
  return `Exported ${describe(written)} into ${written.path}. It holds password hashes and citizens' phone numbers: keep it as you keep backups.`;
}

async function importCommand(args: string[]): Promise<string> {
  if (args.length !== 1 || args[0].startsWith('--')) throw new BundleRefusal('usage', USAGE);
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), args[0]);
  if (!(await exists(file))) throw new BundleRefusal('not_found', `${file} does not exist`);
  const imported = await withDatabase('import', (sql) => readBundleFile(sql, file));
  return `Imported ${describe(imported)}. Start the API on this database to serve it.`;
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'office-export') console.log(await exportCommand(rest));
  else if (command === 'office-import') console.log(await importCommand(rest));
  else throw new BundleRefusal('usage', USAGE);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof BundleRefusal ? 2 : 1;
}
