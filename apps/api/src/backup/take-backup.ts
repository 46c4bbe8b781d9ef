import { writeFile } from 'node:fs/promises';
import type { EmbeddedPostgres } from '../database/embedded-postgres.js';
import { freeBackupName, ensureBackupsFolder, writeBackupFile } from './backup-files.js';
import { pgDump } from './pg-tools.js';

/**
 * The embedded database's data folder, as a gzipped tar in DATA_DIR/backups. A CHECKPOINT
 * first writes every changed page to the data files, so the copy needs little WAL replay
 * when it is opened. `embedded` must have no transaction open: the API holds its one pooled
 * connection around this (BackupService), the CLI has no other connection at all.
 */
export async function backupEmbedded(dataDir: string, embedded: EmbeddedPostgres, at: Date, prefix = 'loket'): Promise<string> {
  const folder = await ensureBackupsFolder(dataDir);
  const tar = await embedded.checkpointAndDump();
  return writeBackupFile(folder, await freeBackupName(folder, at, 'embedded', prefix), async (path) => writeFile(path, Buffer.from(await tar.arrayBuffer())));
}

/** `pg_dump -Fc` of DATABASE_URL's database into DATA_DIR/backups (one snapshot: consistent during live traffic). */
export async function backupPostgres(dataDir: string, databaseUrl: string, at: Date, prefix = 'loket'): Promise<string> {
  const folder = await ensureBackupsFolder(dataDir);
  return writeBackupFile(folder, await freeBackupName(folder, at, 'postgres', prefix), (path) => pgDump(databaseUrl, path));
}
