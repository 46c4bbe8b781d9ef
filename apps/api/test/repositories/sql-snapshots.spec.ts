import { readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SQL_REGISTRY } from './sql-registry.js';

/**
 * Each repository's SQL is checked in as apps/api/queries/<repository>.sql, one block per
 * statement under its name, so a query change shows in review as a change to that file.
 * `UPDATE_SQL_SNAPSHOTS=1` rewrites the files from the repositories.
 */
const QUERIES = join(dirname(fileURLToPath(import.meta.url)), '../../queries');
const UPDATE = process.env.UPDATE_SQL_SNAPSHOTS === '1';
const HOW_TO_UPDATE =
  'If the change is meant, rewrite the snapshots and commit them: cd apps/api && UPDATE_SQL_SNAPSHOTS=1 node --experimental-vm-modules ../../node_modules/jest/bin/jest.js test/repositories/sql-snapshots.spec.ts';

/**
 * Removes the indentation a statement has in its TypeScript source (its first line starts
 * right after the backtick, the others carry the source's margin) and trailing spaces.
 */
function dedent(sql: string): string {
  const [first, ...rest] = sql
    .trim()
    .split('\n')
    .map((line) => line.trimEnd());
  const indent = (line: string) => line.length - line.trimStart().length;
  const margin = Math.min(...rest.filter((line) => line !== '').map(indent));
  return [first, ...rest.map((line) => line.slice(Math.min(margin, indent(line))))].join('\n');
}

export function renderSnapshot(repository: string, statements: Readonly<Record<string, string>>): string {
  const blocks = Object.entries(statements).map(([name, sql]) => {
    const body = dedent(sql);
    // A statement ending in a comment gets its terminator on a line of its own.
    const terminated = /--[^\n]*$/.test(body.split('\n').at(-1)!) ? `${body}\n;` : `${body};`;
    return `-- ${name}\n${terminated}\n`;
  });
  return [`-- The SQL of ${repository}.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).\n`, ...blocks].join('\n');
}

describe('SQL snapshots', () => {
  it.each(Object.entries(SQL_REGISTRY))('apps/api/queries/%s.sql holds the repository’s statements', async (repository, statements) => {
    const file = join(QUERIES, `${repository}.sql`);
    const expected = renderSnapshot(repository, statements);
    if (UPDATE) {
      await writeFile(file, expected);
      return;
    }
    const checkedIn = await readFile(file, 'utf8').catch(() => null);
    if (checkedIn === null) throw new Error(`apps/api/queries/${repository}.sql is missing. ${HOW_TO_UPDATE}`);
    if (checkedIn !== expected) {
      throw new Error(`The SQL of ${repository} differs from apps/api/queries/${repository}.sql. ${HOW_TO_UPDATE}\n\n${firstDifference(checkedIn, expected)}`);
    }
  });

  it('keeps no snapshot of a repository that is gone', async () => {
    const files = (await readdir(QUERIES)).filter((name) => name.endsWith('.sql'));
    const stale = files.filter((name) => !(name.replace(/\.sql$/, '') in SQL_REGISTRY));
    expect(stale).toEqual([]);
  });
});

function firstDifference(checkedIn: string, current: string): string {
  const a = checkedIn.split('\n');
  const b = current.split('\n');
  const line = a.findIndex((text, index) => text !== b[index]);
  const at = line === -1 ? a.length : line;
  return `First difference at line ${at + 1}:\n  checked in: ${a[at] ?? '(end of file)'}\n  repository: ${b[at] ?? '(end of file)'}`;
}
