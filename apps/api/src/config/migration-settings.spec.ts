import { configFromEnv } from './app-config.js';

describe('migration settings from the environment', () => {
  const postgres = { DATABASE_URL: 'postgres://loket_app@db/loket' };

  it('migrates at start as DATABASE_URL by default', () => {
    expect(configFromEnv(postgres)).toMatchObject({ migrationDatabaseUrl: null, migrateOnStart: true });
  });

  it('reads MIGRATION_DATABASE_URL and MIGRATE_ON_START', () => {
    const config = configFromEnv({ ...postgres, MIGRATION_DATABASE_URL: 'postgres://loket_owner@db/loket', MIGRATE_ON_START: 'false' });
    expect(config).toMatchObject({ migrationDatabaseUrl: 'postgres://loket_owner@db/loket', migrateOnStart: false });
    expect(configFromEnv({ MIGRATE_ON_START: 'false' }).migrateOnStart).toBe(false);
  });

  it('refuses MIGRATION_DATABASE_URL without DATABASE_URL, and a MIGRATE_ON_START that is not true or false', () => {
    expect(() => configFromEnv({ MIGRATION_DATABASE_URL: 'postgres://loket_owner@db/loket' })).toThrow(/set DATABASE_URL too/);
    expect(() => configFromEnv({ ...postgres, MIGRATE_ON_START: 'no' })).toThrow(/MIGRATE_ON_START must be true or false, got "no"/);
  });
});
