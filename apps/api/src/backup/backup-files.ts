import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Backups are as secret as the database they copy (password hashes, citizens' phone numbers). */
export const BACKUP_FOLDER_MODE = 0o700;
export const BACKUP_FILE_MODE = 0o600;

/** `.tar.gz`: the embedded database's data folder (PGlite's dump); `.dump`: `pg_dump -Fc` of PostgreSQL. */
export type BackupKind = 'embedded' | 'postgres';

const EXTENSION: Record<BackupKind, string> = { embedded: '.tar.gz', postgres: '.dump' };
/** What the scheduler prunes: its own and `npm run backup`'s files, never a copy kept by a restore. */
const BACKUP_NAME = /^loket-\d{8}T\d{6}\d{3}Z\.(tar\.gz|dump)$/;

export function backupsFolder(dataDir: string): string {
  return join(dataDir, 'backups');
}

/** `loket-20261205T142700123Z.tar.gz`: UTC, sorts by time. `prefix` names copies kept by a restore. */
export function backupFileName(at: Date, kind: BackupKind, prefix = 'loket'): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${prefix}-${stamp}${EXTENSION[kind]}`;
}

/** backupFileName of the first millisecond from `at` on that names no file in `folder` yet (a clock standing still, two at once). */
export async function freeBackupName(folder: string, at: Date, kind: BackupKind, prefix = 'loket'): Promise<string> {
  for (let ms = at.getTime(); ; ms++) {
    const name = backupFileName(new Date(ms), kind, prefix);
    if (!(await exists(join(folder, name)))) return name;
  }
}

/** The kind of backup a file holds, by its name. */
export function backupKindOf(file: string): BackupKind | null {
  if (file.endsWith('.tar.gz')) return 'embedded';
  if (file.endsWith('.dump')) return 'postgres';
  return null;
}

/** Makes the backups folder (0700, also when it was there before) and returns it. */
export async function ensureBackupsFolder(dataDir: string): Promise<string> {
  const folder = backupsFolder(dataDir);
  await mkdir(folder, { recursive: true, mode: BACKUP_FOLDER_MODE });
  await chmod(folder, BACKUP_FOLDER_MODE);
  return folder;
}

/**
 * Writes a backup under a temporary name, flushes it to disk and renames it into place (0600),
 * so a file named `loket-….` is always whole: a crash mid-way leaves only a `.partial` file.
 * `write` fills the temporary path it is given.
 */
export async function writeBackupFile(folder: string, name: string, write: (path: string) => Promise<void>): Promise<string> {
  const partial = join(folder, `.${name}.${randomBytes(4).toString('hex')}.partial`);
  const final = join(folder, name);
  try {
    // Created 0600 before any byte is written, whatever the umask.
    await (await open(partial, 'wx', BACKUP_FILE_MODE)).close();
    await write(partial);
    await chmod(partial, BACKUP_FILE_MODE);
    const handle = await open(partial, 'r+');
    await handle.sync();
    await handle.close();
    if (await exists(final)) throw new Error(`${final} exists already`);
    await rename(partial, final);
    const dir = await open(folder, 'r');
    await dir.sync().catch(() => undefined);
    await dir.close();
    return final;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** The scheduled and manual backups in the folder, oldest first. */
export async function listBackups(dataDir: string): Promise<string[]> {
  const names = await readdir(backupsFolder(dataDir)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names.filter((name) => BACKUP_NAME.test(name)).sort();
}

/** When a backup named by backupFileName was taken, or null for another name. */
export function backupTakenAt(name: string): Date | null {
  const match = /^loket-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z\./.exec(name);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, ms] = match;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
}

/** Deletes all but the newest `keep` backups; returns the names deleted. */
export async function pruneBackups(dataDir: string, keep: number): Promise<string[]> {
  const names = await listBackups(dataDir);
  const doomed = names.slice(0, Math.max(0, names.length - keep));
  for (const name of doomed) await rm(join(backupsFolder(dataDir), name), { force: true });
  return doomed;
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
