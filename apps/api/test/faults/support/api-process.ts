import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

const here = dirname(fileURLToPath(import.meta.url));
export const API_ROOT = resolve(here, '../../..');
const MAIN = resolve(API_ROOT, 'dist/main.js');

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Polls `check` until it is true; fails with `what` after `attempts` tries. Bounds every wait in the fault tests. */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, attempts = 100, intervalMs = 200): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`Gave up waiting: ${what}`);
}

/** The built API (`apps/api/dist/main.js`) as a child process, as it runs in production. */
export class ApiProcess {
  readonly log: string[] = [];
  private exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    this.exited = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    const keep = (chunk: Buffer) => this.log.push(...chunk.toString().split('\n').filter(Boolean));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static async start(env: Record<string, string>, port: number): Promise<ApiProcess> {
    if (!existsSync(MAIN)) throw new Error(`The fault tests run the built API: build it first (npx nx run @loket/api:build); ${MAIN} is missing`);
    const child = spawn(process.execPath, [MAIN], {
      cwd: API_ROOT,
      env: { PATH: process.env.PATH ?? '', RATE_LIMIT: 'off', BACKUP_EVERY_HOURS: '0', ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const api = new ApiProcess(child, `http://127.0.0.1:${port}`);
    let gone = false;
    void api.exited.then(() => (gone = true));
    await eventually(
      `the API on port ${port} to become ready`,
      async () => {
        if (gone) throw new Error('exited');
        return (await fetch(`${api.url}/api/v1/health/ready`, { signal: AbortSignal.timeout(2000) })).ok;
      },
      300,
    ).catch((error: Error) => {
      child.kill('SIGKILL');
      throw new Error(`${error.message}\n${api.log.slice(-30).join('\n')}`);
    });
    if (gone) throw new Error(`The API exited during start:\n${api.log.slice(-30).join('\n')}`);
    return api;
  }

  /** kill -9: no shutdown hook runs, nothing is flushed by the process itself. */
  async kill9(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * A database of the test's own on the PostgreSQL server of DATABASE_URL (so the demo seed
 * runs on it and nothing else writes there), dropped afterwards.
 */
export async function createPrivateDatabase(serverUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function queryPostgres<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Reads the embedded database the API left in `dataDir` by opening it with PGlite in a
 * separate Node process (only one PGlite may live per process, and the API must be stopped).
 * This is what a restarted API would find: the test of durability after kill -9.
 */
export async function queryPglite<T>(dataDir: string, sql: string, params: unknown[] = []): Promise<T[]> {
  // PGlite makes an empty database in a folder that holds none: a wrong path would read as "no rows".
  if (!existsSync(resolve(dataDir, 'pglite', 'PG_VERSION'))) throw new Error(`No embedded database in ${dataDir} (expected ${dataDir}/pglite)`);
  const script = `
    import { PGlite } from '@electric-sql/pglite';
    const [dir, sql, params] = JSON.parse(process.argv[1]);
    const db = await PGlite.create(dir);
    const result = await db.query(sql, params);
    await db.close();
    process.stdout.write(JSON.stringify(result.rows));
  `;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify([resolve(dataDir, 'pglite'), sql, params])],
    {
      cwd: API_ROOT,
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as T[];
}

// The demo office keeps Monday–Friday hours and issues nothing outside them (issue 16). Tests
// that issue there run its clock from a Monday morning, at real speed, and every (re)start
// continues where the last one's clock stood, so time never runs backwards across a restart.
const OFFICE_HOURS_OFFSET = Date.parse('2026-11-30T02:00:00.000Z') - Date.now();

/** CLOCK_SPEED/CLOCK_START for an API process: the demo office's hours, whatever real time it is. */
export function officeHoursClock(): Record<string, string> {
  return { CLOCK_SPEED: '1', CLOCK_START: new Date(Date.now() + OFFICE_HOURS_OFFSET).toISOString() };
}
