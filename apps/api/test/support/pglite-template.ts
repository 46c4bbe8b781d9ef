import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../src/database/migrations');

/**
 * Names the template by what its contents depend on: the PGlite release (its data folder
 * format) and every migration's text. A changed or added migration makes a new template.
 */
async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await pgliteVersion());
  for (const file of (await readdir(MIGRATIONS)).sort()) hash.update(file).update(await readFile(join(MIGRATIONS, file)));
  return hash.digest('hex').slice(0, 16);
}

/** PGlite's version, from its package.json (its exports map hides the file from resolve). */
async function pgliteVersion(): Promise<string> {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    const manifest = await readFile(join(dir, 'package.json'), 'utf8').then(
      (text) => JSON.parse(text) as { name?: string; version: string },
      () => null,
    );
    if (manifest?.name === '@electric-sql/pglite') return manifest.version;
    if (dirname(dir) === dir) throw new Error('@electric-sql/pglite has no package.json above its entry');
    dir = dirname(dir);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * A PGlite data folder that is created and migrated once, then copied into each test
 * file's data folder. Creating a data folder costs seconds (it runs initdb) and migrating
 * it more; copying a finished one costs a fraction of a second. The product still starts
 * on the copy exactly as on a folder it created itself: it opens it and runs the
 * migrations, which find nothing pending.
 *
 * `build` makes a fresh, migrated data folder in the directory it is given. Several Jest
 * processes may race to build the same template: each builds in a folder of its own and
 * renames it into place, so a reader sees either no template or a whole one.
 */
export async function copyPgliteTemplate(target: string, build: (dataDir: string) => Promise<void>): Promise<void> {
  const template = join(tmpdir(), `loket-pglite-template-${await templateKey()}`);
  if (!(await exists(template))) {
    const building = await mkdtemp(join(tmpdir(), `loket-pglite-building-${randomBytes(4).toString('hex')}-`));
    try {
      await build(building);
      await rename(join(building, 'pglite'), template).catch(async (error: NodeJS.ErrnoException) => {
        // Another process finished first: its template is as good as ours.
        if (!(await exists(template))) throw error;
      });
    } finally {
      await rm(building, { recursive: true, force: true });
    }
  }
  await cp(template, join(target, 'pglite'), { recursive: true });
}
