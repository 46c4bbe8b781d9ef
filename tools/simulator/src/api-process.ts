/** Starts the built API (apps/api/dist/main.js) as a child process with its own data folder and port. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const API_MAIN = resolve(REPO_ROOT, 'apps/api/dist/main.js');

/** Every API child still running, so an interrupted start (Ctrl-C while it boots) leaves none behind. */
const running = new Set<ChildProcess>();

export async function stopAllApis(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => (clearTimeout(timer), done()));
          child.kill('SIGTERM');
        }),
    ),
  );
}

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface ApiOptions {
  port: number;
  dataDir: string;
  databaseUrl?: string | null;
  env?: Record<string, string>;
  nodeArgs?: string[];
  /** Print the API's log lines (the demo does; the simulator keeps its own output clean). */
  showLog?: boolean;
}

export async function startApi(options: ApiOptions): Promise<ApiProcess> {
  if (!existsSync(API_MAIN)) throw new Error(`The API is not built (${API_MAIN}); run npx nx run @loket/api:build`);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(options.port),
    DATA_DIR: options.dataDir,
    DEMO_PASSWORD: process.env.DEMO_PASSWORD ?? 'demo',
    // The simulator and the bench are one client making many requests: the public rate limits would stop them.
    RATE_LIMIT: 'off',
    // Simulated desks send no heartbeat: the API must not pause their counters as offline.
    COUNTER_SWEEP_SECONDS: '0',
    // No scheduled backup: on the fast clock one would fall inside a simulated day, and its
    // pause of the embedded database would show in the waits and the bench's figures.
    BACKUP_EVERY_HOURS: '0',
    ...(options.env ?? {}),
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  delete env.NODE_ENV;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), API_MAIN], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    log = (log + text).slice(-20_000);
    if (options.showLog) process.stdout.write(text);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  running.add(child);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => (running.delete(child), done(code))));
  const url = `http://127.0.0.1:${options.port}`;
  // Generous: a first start (migrations, seeding, hashing the demo passwords) on a busy machine can take minutes.
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The API exited with code ${child.exitCode} while starting:\n${log}`);
    try {
      const response = await fetch(`${url}/api/v1/offices`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The API did not answer within five minutes:\n${log}`);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A port nobody listens on now (the OS picks it), for a child process to take. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}
