import { createReadStream, createWriteStream } from 'node:fs';
import { basename, dirname } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { writeBackupFile } from '../backup/backup-files.js';
import { BundleRefusal, type BundleSummary, exportOffice, importOffice } from './office-bundle.js';
import type { Sql } from './office-bundle.repository.js';

/** `office-kecamatan-x-20261206T150000000Z.jsonl.gz`: UTC, sorts by time; never one of the backups the scheduler prunes. */
export function bundleFileName(slug: string, at: Date): string {
  return `office-${slug}-${at.toISOString().replace(/[-:]/g, '').replace('.', '')}.jsonl.gz`;
}

/**
 * Exports the office into `path`, gzipped, as secret as a backup (0600: password hashes,
 * citizens' phone numbers, webhook secrets), written under a temporary name and renamed when whole.
 */
export async function writeBundleFile(sql: Sql, slug: string, path: string, now: Date = new Date()): Promise<BundleSummary & { path: string }> {
  let summary: BundleSummary | undefined;
  const written = await writeBackupFile(dirname(path), basename(path), async (partial) => {
    const gzip = createGzip();
    const file = createWriteStream(partial);
    gzip.pipe(file);
    summary = await exportOffice(
      sql,
      slug,
      async (line) => {
        if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
      },
      now,
    );
    gzip.end();
    await finished(file);
  });
  return { ...summary!, path: written };
}

/** The bundle's lines, gunzipped when the file is (by its first bytes, whatever its name). */
export async function* bundleLines(path: string): AsyncGenerator<string> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const stream = createReadStream(path, { start: 0, end: 1 });
    const chunks: Buffer[] = [];
    stream.on('data', (chunk) => chunks.push(chunk as Buffer));
    stream.once('error', reject);
    stream.once('end', () => resolve(Buffer.concat(chunks)));
  });
  const raw = createReadStream(path);
  const input = head[0] === 0x1f && head[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure = error;
    input.destroy();
  };
  raw.once('error', fail);
  input.once('error', fail);
  yield* createInterface({ input, crlfDelay: Infinity });
  if (failure) throw new BundleRefusal('bundle_damaged', `The bundle cannot be read to its end: ${(failure as Error).message}`);
}

export function readBundleFile(sql: Sql, path: string): Promise<BundleSummary> {
  return importOffice(sql, bundleLines(path));
}
