import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres.js';

/**
 * The embedded database must put each commit on the disk before the answer goes out, not
 * only in the kernel's cache (PGlite's default): a power cut must not take issued tickets.
 */
describe('the embedded database', () => {
  let dataDir: string;
  let embedded: EmbeddedPostgres | null = null;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'loket-durable-'));
    embedded = await EmbeddedPostgres.start(dataDir);
  });
  afterAll(async () => {
    await embedded?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs with fsync on and flushes the WAL with fsync()', async () => {
    const db = new pg.Client({ host: embedded!.socketDir, port: 5432, user: 'postgres', database: 'postgres' });
    await db.connect();
    try {
      const setting = async (name: string) => (await db.query(`SELECT current_setting('${name}') AS value`)).rows[0].value as string;
      expect(await setting('fsync')).toBe('on');
      expect(await setting('wal_sync_method')).toBe('fsync');
      expect(await setting('synchronous_commit')).toBe('on');
    } finally {
      await db.end();
    }
  });
});
