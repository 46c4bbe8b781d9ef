import { DataSource, MigrationExecutor } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

// Any constant shared by every instance of the product; "loket" in ASCII.
const MIGRATION_LOCK = 0x6c6f6b6574;

/** PostgreSQL's SQLSTATE for "permission denied" (a role without the right to create or alter). */
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * Runs pending migrations. With several API instances on one PostgreSQL, `exclusive`
 * takes an advisory lock so only one migrates and the others wait for it. (The embedded
 * database has one process and a pool of one connection, so it needs no lock.)
 */
export async function runMigrations(dataSource: DataSource, options: { exclusive: boolean }): Promise<void> {
  if (!options.exclusive) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
}

/** The names of the migrations this build has that the database has not applied, in order. Runs no DDL. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  return pending.map((migration) => migration.name);
}

/** A start refused for the schema's state: a decision for the operator, so never retried. */
export class MigrationRefusal extends Error {}

/** How the API brings a PostgreSQL schema up to date at start (README, configuration). */
export interface StartMigrationSettings {
  /** DATABASE_URL: the role the API runs as. */
  databaseUrl: string;
  /** MIGRATION_DATABASE_URL: the schema's owner, for the migrations only; null = `databaseUrl`. */
  migrationDatabaseUrl: string | null;
  /** MIGRATE_ON_START: false = apply nothing, refuse to start while anything is pending. */
  migrateOnStart: boolean;
}

/**
 * Before the API's own pool opens on PostgreSQL. Migrations run on a short-lived data
 * source of their own, without the request timeouts (an index build may take long, and an
 * instance waits on the advisory lock while another migrates), as the owner when
 * MIGRATION_DATABASE_URL is set. A role without schema rights that meets a pending
 * migration is refused with a message naming both ways out, not PostgreSQL's bare
 * "permission denied for schema public".
 */
export async function migrateAtStart(settings: StartMigrationSettings): Promise<void> {
  if (!settings.migrateOnStart) {
    await refuseIfPending({ databaseUrl: settings.databaseUrl }, false);
    return;
  }
  const migrating = new DataSource(dataSourceOptions({ databaseUrl: settings.migrationDatabaseUrl ?? settings.databaseUrl }, null));
  await migrating.initialize();
  try {
    // Nothing pending: no lock, no DDL (TypeORM would otherwise try to create its table), so
    // an app role without schema rights starts on an up-to-date database with neither setting.
    if ((await pendingMigrations(migrating)).length === 0) return;
    await runMigrations(migrating, { exclusive: true });
  } catch (error) {
    if (settings.migrationDatabaseUrl === null && (error as { code?: string }).code === INSUFFICIENT_PRIVILEGE) {
      const pending = await pendingMigrations(migrating).catch(() => []);
      throw new MigrationRefusal(
        `The database role of DATABASE_URL may not change the schema (${(error as Error).message}), and ${pending.length || 'some'} migration(s) are pending${pending.length ? `: ${pending.join(', ')}` : ''}. ` +
          'Either set MIGRATION_DATABASE_URL to the schema owner, so the API migrates as the owner and runs as this role, ' +
          'or apply them first as the owner (DATABASE_URL=<owner> npm run migrate) and start with MIGRATE_ON_START=false. See docs/operations.md, "Least privilege on PostgreSQL".',
        { cause: error },
      );
    }
    throw error;
  } finally {
    await migrating.destroy();
  }
}

/**
 * MIGRATE_ON_START=false: the schema must already be this build's. Names what is missing, so
 * the operator knows to run `npm run migrate` as the owner first.
 */
export async function refuseIfPending(target: { databaseUrl: string } | { dataSource: DataSource }, embedded: boolean): Promise<void> {
  const own = 'dataSource' in target ? null : new DataSource(dataSourceOptions(target, null));
  const dataSource = own ?? (target as { dataSource: DataSource }).dataSource;
  if (own) await own.initialize();
  try {
    const pending = await pendingMigrations(dataSource);
    if (pending.length === 0) return;
    throw new MigrationRefusal(
      `MIGRATE_ON_START=false and ${pending.length} migration(s) are pending: ${pending.join(', ')}. ` +
        (embedded
          ? 'Apply them with `npm run migrate`, or start without MIGRATE_ON_START=false.'
          : 'Apply them as the schema owner first (DATABASE_URL=<owner> npm run migrate, or MIGRATION_DATABASE_URL=<owner> npm run migrate), or unset MIGRATE_ON_START.'),
    );
  } finally {
    await own?.destroy();
  }
}
