import { libpqTarget } from '../backup/pg-tools.js';
import { configFromEnv } from './app-config.js';

describe('backup settings from the environment', () => {
  const postgres = { DATABASE_URL: 'postgres://loket_app@db/loket' };

  it('backs the embedded database up daily, keeping 7, and PostgreSQL not at all, by default', () => {
    expect(configFromEnv({}).backup).toEqual({ everyHours: 24, keep: 7 });
    expect(configFromEnv(postgres).backup).toEqual({ everyHours: 0, keep: 7 });
  });

  it('reads BACKUP_EVERY_HOURS (0 = off) and BACKUP_KEEP', () => {
    expect(configFromEnv({ BACKUP_EVERY_HOURS: '0' }).backup).toEqual({ everyHours: 0, keep: 7 });
    expect(configFromEnv({ ...postgres, BACKUP_EVERY_HOURS: '6', BACKUP_KEEP: '28' }).backup).toEqual({ everyHours: 6, keep: 28 });
  });

  it('refuses what is not a whole number in range, naming the variable', () => {
    for (const value of ['-1', '1.5', 'daily', '8761']) {
      expect(() => configFromEnv({ BACKUP_EVERY_HOURS: value })).toThrow(
        `BACKUP_EVERY_HOURS must be a whole number of hours from 0 (no scheduled backups) to 8760, got "${value}"`,
      );
    }
    for (const value of ['0', '-3', '2.5', 'all']) {
      expect(() => configFromEnv({ BACKUP_KEEP: value })).toThrow(`BACKUP_KEEP must be a whole number of backups from 1 to 10000, got "${value}"`);
    }
  });

  it('gives pg_dump the password in its environment, never on its command line', () => {
    expect(libpqTarget('postgres://loket_app:s%40cret@db:5432/loket?sslmode=require')).toEqual({
      dbname: 'postgres://loket_app@db:5432/loket?sslmode=require',
      env: { PGPASSWORD: 's@cret' },
    });
    expect(libpqTarget('postgres://root@127.0.0.1:5432/loket')).toEqual({ dbname: 'postgres://root@127.0.0.1:5432/loket', env: {} });
  });
});
