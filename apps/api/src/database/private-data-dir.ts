import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * DATA_DIR holds the embedded database (its WAL carries password hashes), the generated
 * JWT secret and the demo passwords: nobody but the account the API runs as may read or
 * write any of it. The umask makes everything the process creates from now on private
 * (PGlite creates its files with mode 0666 and leaves the rest to the umask); the repair
 * fixes what an earlier version, a restore or a copy left open.
 */
export const PRIVATE_UMASK = 0o077;
const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

export interface DataDirRepair {
  folders: number;
  files: number;
  /** Entries whose mode could not be changed (owned by another account): left as they are. */
  failed: string[];
}

/** Sets the process umask and brings DATA_DIR to 0700 folders and 0600 files, creating it if absent. */
export async function makeDataDirPrivate(dataDir: string): Promise<DataDirRepair> {
  process.umask(PRIVATE_UMASK);
  await mkdir(dataDir, { recursive: true, mode: FOLDER_MODE });
  const repair: DataDirRepair = { folders: 0, files: 0, failed: [] };
  await tighten(dataDir, repair);
  return repair;
}

/** Brings `folder` (inside DATA_DIR) to 0700 folders and 0600 files, without logging: for what a library just created. */
export async function makeFolderPrivate(folder: string): Promise<DataDirRepair> {
  const repair: DataDirRepair = { folders: 0, files: 0, failed: [] };
  await tighten(folder, repair);
  return repair;
}

/** The one log line for a repair, or null when nothing needed fixing. */
export function describeRepair(dataDir: string, repair: DataDirRepair): string | null {
  const parts: string[] = [];
  if (repair.folders + repair.files > 0) {
    parts.push(`${dataDir} was readable by other local users: made ${repair.folders} folder(s) 0700 and ${repair.files} file(s) 0600 (owner only)`);
  }
  if (repair.failed.length > 0) {
    parts.push(`could not change the mode of ${repair.failed.length} entr(y/ies) owned by another account, e.g. ${repair.failed[0]}`);
  }
  return parts.length ? parts.join('; ') : null;
}

async function tighten(path: string, repair: DataDirRepair): Promise<void> {
  const stat = await lstat(path);
  // Symbolic links are not followed: a link must not make the API chmod something outside DATA_DIR.
  if (stat.isSymbolicLink()) return;
  const isFolder = stat.isDirectory();
  const wanted = isFolder ? FOLDER_MODE : FILE_MODE;
  // A unix socket (the embedded database's, in run/) is guarded by its 0700 folder.
  if ((stat.mode & 0o777) !== wanted && !stat.isSocket()) {
    try {
      await chmod(path, wanted);
      if (isFolder) repair.folders += 1;
      else repair.files += 1;
    } catch {
      repair.failed.push(path);
    }
  }
  if (isFolder) for (const name of await readdir(path)) await tighten(join(path, name), repair);
}
