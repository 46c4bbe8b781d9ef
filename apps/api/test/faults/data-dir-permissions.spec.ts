import { chmod, lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiProcess, freePort } from './support/api-process.js';

/** Every entry under `root` (itself included) whose mode is not 0700 for a folder or 0600 for a file. */
async function openEntries(root: string): Promise<string[]> {
  const open: string[] = [];
  const walk = async (path: string) => {
    const stat = await lstat(path);
    if (stat.isSymbolicLink() || stat.isSocket()) return;
    const mode = stat.mode & 0o777;
    const wanted = stat.isDirectory() ? 0o700 : 0o600;
    if (mode !== wanted) open.push(`${path.slice(root.length) || '/'} ${mode.toString(8)}`);
    if (stat.isDirectory()) for (const name of await readdir(path)) await walk(join(path, name));
  };
  await walk(root);
  return open;
}

async function countEntries(root: string): Promise<number> {
  const stat = await lstat(root);
  if (!stat.isDirectory()) return 1;
  let count = 1;
  for (const name of await readdir(root)) count += await countEntries(join(root, name));
  return count;
}

/** What an earlier version left: folders 0755, files 0666, readable and writable by any local user. */
async function openUp(path: string): Promise<void> {
  const stat = await lstat(path);
  if (stat.isSymbolicLink() || stat.isSocket()) return;
  await chmod(path, stat.isDirectory() ? 0o755 : 0o666);
  if (stat.isDirectory()) for (const name of await readdir(path)) await openUp(join(path, name));
}

/**
 * DATA_DIR holds the embedded database (password hashes in its WAL), the JWT secret and the
 * demo passwords. Whoever else logs in to the machine must not read or write any of it.
 * Runs the built API, as production does: the umask is set by its entry point.
 */
describe('the data folder is private to the account running the API', () => {
  let parent: string;
  let dataDir: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'loket-private-'));
    dataDir = join(parent, 'data');
  });
  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  const start = async () => ApiProcess.start({ DATA_DIR: dataDir, SEED_DEMO: 'false', SUPERVISION_SCAN_SECONDS: '0' }, await freePort());

  it('creates a new data folder with 0700 folders and 0600 files, and keeps them so while it runs', async () => {
    const api = await start();
    try {
      // Running, after migrations wrote the schema and the JWT secret was generated.
      expect(await openEntries(dataDir)).toEqual([]);
    } finally {
      await api.stop();
    }
    expect(await countEntries(dataDir)).toBeGreaterThan(100);
    expect(await openEntries(dataDir)).toEqual([]);
  });

  it('repairs a data folder an earlier version left open, and says so in one log line', async () => {
    await openUp(dataDir);
    expect((await openEntries(dataDir)).length).toBeGreaterThan(100);

    const api = await start();
    let log: string[];
    try {
      expect(await openEntries(dataDir)).toEqual([]);
      log = api.log.filter((line) => line.includes(dataDir) && /0700/.test(line));
    } finally {
      await api.stop();
    }
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/made \d+ folder\(s\) 0700 and \d+ file\(s\) 0600/);
    expect(await openEntries(dataDir)).toEqual([]);

    // Nothing to repair at the next start: no line.
    const again = await start();
    await again.stop();
    expect(again.log.filter((line) => /0700/.test(line))).toEqual([]);
  });
});
