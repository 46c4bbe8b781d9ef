import { chmod, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

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

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const pgDir = join(dataDir, 'pglite');
    const socketDir = join(dataDir, 'run');
    await mkdir(pgDir, { recursive: true });
    await mkdir(socketDir, { recursive: true, mode: 0o700 });
    await chmod(socketDir, 0o700);
    // A socket left by a process that died would block the bind.
    await rm(join(socketDir, '.s.PGSQL.5432'), { force: true });
    const db = await PGlite.create(pgDir);
    const server = new PGLiteSocketServer({ db, path: join(socketDir, '.s.PGSQL.5432'), maxConnections: 1 });
    await server.start();
    return new EmbeddedPostgres(db, server, socketDir);
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}
