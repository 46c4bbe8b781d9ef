import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import webpush from 'web-push';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/**
 * The VAPID key pair push services know this server by: generated on first start into
 * DATA_DIR/secrets/vapid.json (owner-only, 0600) and read back every start after, so the
 * browsers' subscriptions stay valid across restarts. Several instances on one PostgreSQL
 * must share it: set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY instead (README, web push).
 */
export async function keptVapidKeys(dataDir: string): Promise<VapidKeys> {
  const dir = join(dataDir, 'secrets');
  const file = join(dir, 'vapid.json');
  const read = async (): Promise<VapidKeys> => {
    const kept = JSON.parse(await readFile(file, 'utf8')) as Partial<VapidKeys>;
    if (typeof kept.publicKey !== 'string' || typeof kept.privateKey !== 'string') throw new Error(`${file} holds no VAPID key pair`);
    return { publicKey: kept.publicKey, privateKey: kept.privateKey };
  };
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keys = webpush.generateVAPIDKeys();
  // 'wx': when two starts race, the first file written wins and both read it back.
  await writeFile(file, JSON.stringify(keys) + '\n', { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  await chmod(file, 0o600);
  return read();
}
