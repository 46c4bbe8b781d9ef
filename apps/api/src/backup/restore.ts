import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { embeddedSocketAnswers, embeddedSocketPath, openPglite } from '../database/embedded-postgres.js';
import { backupFileName, backupKindOf, exists } from './backup-files.js';
import { backupPostgres } from './take-backup.js';
import { libpqTarget } from './pg-tools.js';

/** A restore that must not go ahead; the CLI prints its message and exits non-zero. */
export class RestoreRefusal extends Error {}

export interface RestoreResult {
  /** Where what was there before went (the --force copy), or null when the target was empty. */
  keptBefore: string | null;
}

/**
 * Restores a `.tar.gz` backup of the embedded database into DATA_DIR/pglite. The API must be
 * stopped (two engines on one folder corrupt it), and DATA_DIR/pglite empty or absent; with
 * `force` an existing folder is first moved aside to `pglite.before-restore-<time>`, and moved
 * back if the restore fails.
 */
export async function restoreEmbedded(dataDir: string, file: string, options: { force: boolean; now: Date }): Promise<RestoreResult> {
  if (backupKindOf(file) !== 'embedded') throw new RestoreRefusal(`${file} is not a backup of the embedded database (loket-….tar.gz)`);
  await stat(file).catch(() => {
    throw new RestoreRefusal(`${file} does not exist`);
  });
  if (await embeddedSocketAnswers(dataDir)) {
    throw new RestoreRefusal(`The API (or another backup or restore) is using the embedded database in ${dataDir}: stop it first, then restore`);
  }
  const pgDir = join(dataDir, 'pglite');
  const hold = await holdDataDir(dataDir);
  let keptBefore: string | null = null;
  try {
    if (await folderHasEntries(pgDir)) {
      if (!options.force) {
        throw new RestoreRefusal(
          `${pgDir} already holds a database: restore into an empty data folder, or give --force to move it aside to pglite.before-restore-… first`,
        );
      }
      keptBefore = join(dataDir, backupFileName(options.now, 'embedded', 'pglite.before-restore').replace(/\.tar\.gz$/, ''));
      await rename(pgDir, keptBefore);
    }
    try {
      const db = await openPglite(pgDir, { loadDataDir: new Blob([await readFile(file)]) });
      try {
        const [row] = (await db.query<{ applied: number }>('SELECT count(*)::int AS applied FROM migrations')).rows;
        if (!row || row.applied < 1) throw new Error('the restored database has no migrations table rows');
        await db.exec('CHECKPOINT');
      } finally {
        await db.close();
      }
      await syncFolder(pgDir);
    } catch (error) {
      await rm(pgDir, { recursive: true, force: true });
      if (keptBefore) await rename(keptBefore, pgDir);
      throw error;
    }
  } finally {
    await new Promise<void>((done) => hold.close(() => done()));
  }
  return { keptBefore };
}

/**
 * Restores a `pg_dump -Fc` backup into the database of `databaseUrl` (the schema owner's:
 * MIGRATION_DATABASE_URL when set). The public schema must hold no table; with `force` what is
 * there is first dumped into DATA_DIR/backups (`before-restore-<time>.dump`), then the schema
 * is dropped and the backup restored in the same transaction, so a failed restore leaves the
 * database as it was.
 */
export async function restorePostgres(databaseUrl: string, file: string, options: { force: boolean; now: Date; dataDir: string }): Promise<RestoreResult> {
  if (backupKindOf(file) !== 'postgres') throw new RestoreRefusal(`${file} is not a PostgreSQL backup (loket-….dump, made by pg_dump -Fc)`);
  await stat(file).catch(() => {
    throw new RestoreRefusal(`${file} does not exist`);
  });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let tables: number;
  try {
    tables = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n;
  } finally {
    await client.end();
  }
  let keptBefore: string | null = null;
  if (tables > 0) {
    if (!options.force) {
      throw new RestoreRefusal(
        `The database already holds ${tables} table(s) in its public schema: restore into an empty database, or give --force to back it up and replace it`,
      );
    }
    keptBefore = await backupPostgres(options.dataDir, databaseUrl, options.now, 'before-restore');
  }
  await pipeRestore(databaseUrl, file, tables > 0);
  return { keptBefore };
}

/** `pg_restore -f -` into `psql --single-transaction`: all of it or nothing, the old schema dropped inside the same transaction. */
function pipeRestore(databaseUrl: string, file: string, replace: boolean): Promise<void> {
  const { dbname, env } = libpqTarget(databaseUrl);
  const childEnv = { ...process.env, ...env };
  return new Promise((resolveRestore, reject) => {
    const psql = spawn('psql', ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--single-transaction', '--no-password', `--dbname=${dbname}`], {
      env: childEnv,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    const dump = spawn('pg_restore', ['--no-owner', '--file=-', file], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    const keep = (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000));
    psql.stderr.on('data', keep);
    dump.stderr.on('data', keep);
    const missing = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT' ? new Error(`${error.path ?? 'pg_restore or psql'} was not found on PATH: install the PostgreSQL client programs`) : error,
      );
    psql.once('error', missing);
    dump.once('error', missing);
    psql.stdin.on('error', () => undefined);
    if (replace) psql.stdin.write('DROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\nGRANT USAGE ON SCHEMA public TO PUBLIC;\n');
    dump.stdout.pipe(psql.stdin);
    let dumpCode: number | null = null;
    dump.once('close', (code) => (dumpCode = code));
    psql.once('close', (code) => {
      if (code === 0 && dumpCode === 0) resolveRestore();
      else reject(new Error(`The restore failed and changed nothing (pg_restore exit ${dumpCode}, psql exit ${code}): ${errors.trim() || 'no message'}`));
    });
  });
}

/**
 * Listens on the embedded database's socket while a backup or restore works on the folder, so
 * an API started meanwhile refuses (EmbeddedPostgres.start) instead of opening it too.
 */
export async function holdDataDir(dataDir: string): Promise<Server> {
  const path = embeddedSocketPath(dataDir);
  await mkdir(join(dataDir, 'run'), { recursive: true, mode: 0o700 });
  await rm(path, { force: true });
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(path, () => listening());
  });
  return server;
}

async function folderHasEntries(path: string): Promise<boolean> {
  return (await exists(path)) && (await readdir(path)).length > 0;
}

/** fsync of every file and folder: the restored database reaches the disk before the CLI says it is done. */
async function syncFolder(path: string): Promise<void> {
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.isDirectory()) await syncFolder(join(path, entry.name));
    else if (entry.isFile()) {
      const handle = await open(join(path, entry.name), 'r+');
      await handle.sync();
      await handle.close();
    }
  }
  const dir = await open(path, 'r');
  await dir.sync().catch(() => undefined);
  await dir.close();
}
