import type { DataSource } from 'typeorm';

// Any constant shared by every instance of the product; "loket" in ASCII.
const MIGRATION_LOCK = 0x6c6f6b6574;

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
