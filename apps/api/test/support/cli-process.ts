import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { API_ROOT } from '../faults/support/api-process.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A built command-line script of the API (`dist/…`, as `npm run backup` runs it) as a child process, with only PATH and `env`. */
export function runBuiltCli(script: string, args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, [resolve(API_ROOT, script), ...args], {
      cwd: API_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.once('error', failed);
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout: stdout.trim(), stderr: stderr.trim() });
    });
  });
}
