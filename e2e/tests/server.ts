import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyPgliteTemplate } from '../../apps/api/test/support/pglite-template.js';

/** The password of the demo accounts the server seeds (fixtures.ts logs in with it). */
export const DEMO_PASSWORD = 'e2e-demo-password';

const MAIN = fileURLToPath(new URL('../../apps/api/dist/main.js', import.meta.url));
const MIGRATE = fileURLToPath(new URL('../../apps/api/dist/database/migrate.js', import.meta.url));
const START_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * A data folder that starts as a copy of a migrated, empty database (the API tests' template,
 * made by `npm run migrate` when they have not made it yet), so the server skips initdb and the
 * migrations; it still seeds the demo office into it, as into any empty database.
 */
export async function migratedDataDir(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'loket-e2e-'));
  await copyPgliteTemplate(dataDir, buildTemplate);
  return dataDir;
}

async function buildTemplate(templateDir: string): Promise<void> {
  execFileSync(process.execPath, [MIGRATE], { env: { ...process.env, DATA_DIR: templateDir, DATABASE_URL: '' }, stdio: 'ignore' });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// What a worker process must undo if it ends before `stop` ran: Playwright ends a worker whose
// fixture timed out (a server slow to start on a loaded machine) without awaiting the fixture,
// which would leave the server running and its data folder in the temporary directory.
const leftovers = new Set<() => void>();
process.once('exit', () => {
  for (const undo of leftovers) undo();
});

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * The built product, as `npm start` runs it, on `port` and a fresh data folder of its own.
 * Each Playwright worker starts one (fixtures.ts), so each has its own database and its own
 * development clock: a suite that moves the clock moves only its own worker's day.
 */
export async function startServer(port: number): Promise<RunningServer> {
  const url = `http://127.0.0.1:${port}`;
  // A worker that replaces a failed one may start while the old one's server is still closing.
  const deadline = Date.now() + STOP_TIMEOUT_MS * 2;
  while (!(await portIsFree(port))) {
    if (Date.now() > deadline) throw new Error(`port ${port} is taken: another server runs there (pick another LOKET_E2E_PORT)`);
    await pause(200);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'loket-e2e-'));
  let spawned: ChildProcess | null = null;
  // Only synchronous work runs in an 'exit' listener.
  const undo = () => {
    spawned?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  leftovers.add(undo);
  await copyPgliteTemplate(dataDir, buildTemplate);
  const output: string[] = [];
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      DEMO_PASSWORD,
      // The development clock, at real time: a test moves it on (POST /api/v1/dev/clock/advance)
      // to see what time does, such as a ticket crossing its maximum wait, without waiting for it.
      CLOCK_SPEED: '1',
      // Always the embedded database and one instance, whatever the shell has set.
      DATABASE_URL: '',
      REDIS_URL: '',
      // No scheduled backup: the dev clock moved on by a test would start one, pausing the database mid-test.
      BACKUP_EVERY_HOURS: '0',
      // Webhook endpoints may point at a receiver the test runs on 127.0.0.1 (admin-webhooks.spec), as an office allows its own gateway.
      WEBHOOK_ALLOW_PRIVATE: 'true',
      // Push subscriptions may name a push service on 127.0.0.1 over http (web-push.spec runs one in the browser's stead).
      PUSH_ALLOW_LOCAL_ENDPOINTS: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned = child;
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => (running = false));

  const stop = async () => {
    if (running) {
      // The API closes its database cleanly on SIGTERM.
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
    leftovers.delete(undo);
  };

  const started = Date.now();
  while (!(await healthy(url))) {
    if (!running || Date.now() - started > START_TIMEOUT_MS) {
      await stop();
      throw new Error(`the server on port ${port} did not start:\n${output.join('')}`);
    }
    await pause(100);
  }
  return { url, stop };
}
