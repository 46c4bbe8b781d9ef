import { spawn } from 'node:child_process';

/**
 * A PostgreSQL address for pg_dump and pg_restore: the URL without its password, which goes
 * to the child in PGPASSWORD instead, never on a command line (`ps` shows those to every
 * local user).
 */
export function libpqTarget(databaseUrl: string): { dbname: string; env: Record<string, string> } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { dbname: url.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** Runs a PostgreSQL client program; rejects with its own words on stderr when it fails. */
export function runPgTool(program: 'pg_dump' | 'pg_restore', args: string[], databaseUrl: string): Promise<void> {
  const { dbname, env } = libpqTarget(databaseUrl);
  return new Promise((resolveRun, reject) => {
    const child = spawn(program, [...args, `--dbname=${dbname}`], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(
              `${program} was not found on PATH: install the PostgreSQL client programs of the server's major version or newer (Debian: postgresql-client)`,
            )
          : error,
      ),
    );
    child.once('close', (code, signal) => {
      if (code === 0) resolveRun();
      else reject(new Error(`${program} failed (${signal ?? `exit code ${code}`}): ${stderr.trim() || 'no message'}`));
    });
  });
}

/** `pg_dump -Fc` of the whole database into `file`: one snapshot, so consistent while the API serves. */
export function pgDump(databaseUrl: string, file: string): Promise<void> {
  return runPgTool('pg_dump', ['--format=custom', '--no-password', `--file=${file}`], databaseUrl);
}
