import { fsyncSync } from 'node:fs';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { makeFolderPrivate } from './private-data-dir.js';

/**
 * PGlite starts PostgreSQL with `-F` (fsync off), and Emscripten's NODEFS has no fsync, so
 * a commit reaches only the kernel's page cache. That survives kill -9 of the process (the
 * fault test shows it) but not a power cut or a kernel crash: the commits of the last few
 * seconds could vanish, and a ticket a citizen holds in hand would not exist. A front office
 * PC does lose power, so the embedded database runs with fsync on and WAL flushed with
 * fsync(); it costs about 4 ms per commit on an ordinary disk, far below any office's pace.
 */
const DURABLE_START_PARAMS = [...PGlite.defaultStartParams.filter((param) => param !== '-F'), '-c', 'fsync=on', '-c', 'wal_sync_method=fsync'];

interface NodeFsStream {
  nfd?: number;
}

/** Gives NODEFS the fsync it lacks: PostgreSQL's fsync() of a WAL or data file becomes the real one. */
function makeFsyncReachTheDisk(db: PGlite): void {
  const module = (db as unknown as { Module: { FS: { filesystems: { NODEFS: { stream_ops: Record<string, unknown> } } } } }).Module;
  module.FS.filesystems.NODEFS.stream_ops.fsync = (stream: NodeFsStream) => {
    if (typeof stream.nfd === 'number') fsyncSync(stream.nfd);
    return 0;
  };
}

interface ModeAttributes {
  mode?: number;
}
type SetAttr = (target: unknown, attr: ModeAttributes) => void;

/**
 * Emscripten's NODEFS sets a file's mode with an explicit chmod (0666 for PostgreSQL's data
 * files), which the process umask does not touch: every table's file would be readable and
 * writable by any local user. Its chmods keep the owner's bits only (docs/operations.md).
 */
function keepDatabaseFilesPrivate(db: PGlite): void {
  const module = (db as unknown as { Module: { FS: { filesystems: { NODEFS: { node_ops: { setattr: SetAttr }; stream_ops: { setattr: SetAttr } } } } } })
    .Module;
  const nodefs = module.FS.filesystems.NODEFS;
  for (const ops of [nodefs.node_ops, nodefs.stream_ops]) {
    const setattr = ops.setattr;
    ops.setattr = (target, attr) => setattr(target, attr.mode === undefined ? attr : { ...attr, mode: attr.mode & ~0o077 });
  }
}

/**
 * PostgreSQL embedded in this process (PGlite, data on disk), served on a private unix
 * socket so the product talks to it with the same `pg` driver it uses for a real server:
 * one database code path for both.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly socketDir: string,
  ) {}

  /**
   * `durable: false` keeps PGlite's own fsync-off start: for the test suites only, whose data
   * folders are thrown away (AppConfig.embeddedDurable). The product always starts durable.
   */
  static async start(dataDir: string, options: { durable?: boolean } = {}): Promise<EmbeddedPostgres> {
    const socketDir = join(dataDir, 'run');
    const socketPath = embeddedSocketPath(dataDir);
    await mkdir(socketDir, { recursive: true, mode: 0o700 });
    await chmod(socketDir, 0o700);
    // Two PGlites on one folder would both write its files and corrupt it: a live socket
    // means another API (or `npm run backup`/`restore`) has it open.
    if (await embeddedSocketAnswers(dataDir)) {
      throw new Error(`The embedded database in ${dataDir} is in use by another process (a running API, or npm run backup/restore): stop it first`);
    }
    // A socket left by a process that died would block the bind.
    await rm(socketPath, { force: true });
    const db = await openPglite(join(dataDir, 'pglite'), { durable: options.durable ?? true });
    const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 1 });
    await server.start();
    return new EmbeddedPostgres(db, server, socketDir);
  }

  /**
   * The whole data folder as a gzipped tar, taken under PGlite's query lock: no statement
   * runs while it is read. The caller holds the one pooled connection, so no transaction is
   * half done either; what is read is at worst what a power cut would leave, and PostgreSQL's
   * recovery makes it whole on open.
   */
  async checkpointAndDump(): Promise<Blob> {
    await this.db.exec('CHECKPOINT');
    return this.db.dumpDataDir('gzip');
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}

const servedBy = new WeakMap<object, EmbeddedPostgres>();

/** Records that `dataSource` reaches `embedded` (DatabaseModule), so the backup can find the engine behind it. */
export function rememberEmbedded(dataSource: object, embedded: EmbeddedPostgres): void {
  servedBy.set(dataSource, embedded);
}

/** The embedded database behind `dataSource`, or null on PostgreSQL. */
export function embeddedBehind(dataSource: object): EmbeddedPostgres | null {
  return servedBy.get(dataSource) ?? null;
}

/** The unix socket the embedded database is served on. */
export function embeddedSocketPath(dataDir: string): string {
  return join(dataDir, 'run', '.s.PGSQL.5432');
}

/**
 * Whether a process serves the embedded database of `dataDir` now: its socket accepts a
 * connection (one left by a process that died refuses it). The probe sends nothing; past
 * pglite-socket's one connection Node closes it at once, so the API is not disturbed.
 */
export function embeddedSocketAnswers(dataDir: string): Promise<boolean> {
  return new Promise((resolveProbe) => {
    const socket = connect(embeddedSocketPath(dataDir));
    const done = (answered: boolean) => {
      socket.destroy();
      resolveProbe(answered);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(2_000, () => done(false));
  });
}

/**
 * Opens (or creates) the PGlite data folder `pgDir`, durable unless told otherwise, with its
 * files kept private. `loadDataDir` fills an empty folder from a backup (PGlite's dumpDataDir).
 */
export async function openPglite(pgDir: string, options: { durable?: boolean; loadDataDir?: Blob } = {}): Promise<PGlite> {
  const durable = options.durable ?? true;
  await mkdir(pgDir, { recursive: true });
  const db = await PGlite.create(pgDir, {
    ...(durable ? { startParams: DURABLE_START_PARAMS } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  if (durable) makeFsyncReachTheDisk(db);
  keepDatabaseFilesPrivate(db);
  // What PGlite created before the patch above (a new folder's initdb, a loaded backup) is made private here.
  await makeFolderPrivate(pgDir);
  return db;
}
