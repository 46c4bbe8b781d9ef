import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A secret kept in the data folder, readable by its owner only: generated the first time,
 * read back every start after, so tokens survive a restart.
 */
export async function keptSecret(dataDir: string, name: string): Promise<string> {
  const dir = join(dataDir, 'secrets');
  const file = join(dir, name);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const secret = randomBytes(48).toString('base64url');
    await writeFile(file, secret + '\n', { mode: 0o600, flag: 'wx' }).catch(async () => undefined);
    await chmod(file, 0o600);
    return (await readFile(file, 'utf8')).trim();
  }
}
