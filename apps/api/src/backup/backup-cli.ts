// `npm run backup` and `npm run restore -- FILE [--force]` (docs/operations.md, backups).
// Exit code 0 done, 2 refused (the message says why), 1 failed.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { configFromEnv } from '../config/app-config.js';
import { EmbeddedPostgres, embeddedSocketAnswers } from '../database/embedded-postgres.js';
import { makeDataDirPrivate } from '../database/private-data-dir.js';
import { exists } from './backup-files.js';
import { type BackupRequestAnswer, apiPidFile, backupRequestsFolder } from './backup.service.js';
import { RestoreRefusal, restoreEmbedded, restorePostgres } from './restore.js';
import { backupEmbedded, backupPostgres } from './take-backup.js';

const USAGE = 'usage: backup  |  restore FILE [--force]';
/** How long `npm run backup` waits for a running API's backup: a large embedded database takes a while to copy. */
const API_BACKUP_WAIT_MS = Number(process.env.BACKUP_WAIT_SECONDS ?? 300) * 1000;

async function backup(): Promise<string> {
  const config = configFromEnv();
  await makeDataDirPrivate(config.dataDir);
  if (config.databaseUrl) return backupPostgres(config.dataDir, config.databaseUrl, new Date());
  if (await embeddedSocketAnswers(config.dataDir)) return askTheApi(config.dataDir);
  if (!(await exists(join(config.dataDir, 'pglite', 'PG_VERSION')))) throw new RestoreRefusal(`There is no embedded database in ${config.dataDir} to back up`);
  // The API is stopped: open the database here (its socket keeps an API from starting meanwhile).
  const embedded = await EmbeddedPostgres.start(config.dataDir);
  try {
    return await backupEmbedded(config.dataDir, embedded, new Date());
  } finally {
    await embedded.stop();
  }
}

/** The running API holds the embedded database: it takes the backup, asked by SIGUSR2. */
async function askTheApi(dataDir: string): Promise<string> {
  const pid = Number((await readFile(apiPidFile(dataDir), 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) {
    throw new RestoreRefusal(
      `The embedded database in ${dataDir} is open in a process that is not the API (a backup or restore?): try again when it has finished`,
    );
  }
  const folder = backupRequestsFolder(dataDir);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const id = randomBytes(8).toString('hex');
  await writeFile(join(folder, id), '', { mode: 0o600 });
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + API_BACKUP_WAIT_MS;
  const done = join(folder, `${id}.done`);
  while (Date.now() < deadline) {
    const answer = await readFile(done, 'utf8').then(
      (text) => JSON.parse(text) as BackupRequestAnswer,
      () => null,
    );
    if (answer) {
      await rm(done, { force: true });
      if (answer.file) return answer.file;
      throw new Error(`The API's backup failed: ${answer.error}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await rm(join(folder, id), { force: true });
  throw new Error(`The API (pid ${pid}) did not finish a backup within ${API_BACKUP_WAIT_MS / 1000} s; see its log (set BACKUP_WAIT_SECONDS to wait longer)`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function restore(args: string[]): Promise<string> {
  const files = args.filter((arg) => !arg.startsWith('--'));
  const unknown = args.filter((arg) => arg.startsWith('--') && arg !== '--force');
  if (files.length !== 1 || unknown.length) throw new RestoreRefusal(USAGE);
  // `npm run restore FILE --force` hands --force to npm, which passes it on as npm_config_force.
  const force = args.includes('--force') || process.env.npm_config_force === 'true';
  // npm runs scripts from the repository root; a relative FILE is where the user typed it.
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), files[0]);
  const config = configFromEnv();
  await makeDataDirPrivate(config.dataDir);
  const now = new Date();
  const target = config.migrationDatabaseUrl ?? config.databaseUrl;
  const result = target
    ? await restorePostgres(target, file, { force, now, dataDir: config.dataDir })
    : await restoreEmbedded(config.dataDir, file, { force, now });
  const before = result.keptBefore ? `; what was there before is kept in ${result.keptBefore}` : '';
  return `Restored ${file} into ${target ? 'the PostgreSQL database' : join(config.dataDir, 'pglite')}${before}. Start the API to serve it.`;
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'backup' && rest.length === 0) console.log(await backup());
  else if (command === 'restore') console.log(await restore(rest));
  else throw new RestoreRefusal(USAGE);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof RestoreRefusal ? 2 : 1;
}
