/**
 * The bare database stack, for the ratios: single-row INSERTs and a bare claim-the-next-row
 * (`FOR UPDATE SKIP LOCKED`) through `pg` with the same concurrency as the product's runs.
 * On PGlite the same way the product reaches it: PGlite behind pglite-socket, one connection.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { closedLoop, latency, openLoop, type Latency } from './stats.js';

export interface BareDb {
  pool: pg.Pool;
  close(): Promise<void>;
}

export async function openBareDb(target: { databaseUrl: string } | 'pglite', poolSize: number): Promise<BareDb> {
  if (target !== 'pglite') {
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: poolSize });
    return { pool, close: () => pool.end() };
  }
  const dir = await mkdtemp(join(tmpdir(), 'loket-bare-'));
  const db = await PGlite.create(join(dir, 'pglite'));
  const path = join(dir, '.s.PGSQL.5432');
  const server = new PGLiteSocketServer({ db, path, maxConnections: 1 });
  await server.start();
  const pool = new pg.Pool({ host: dir, port: 5432, user: 'postgres', database: 'postgres', max: 1 });
  return {
    pool,
    async close() {
      await pool.end();
      await server.stop();
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface RunResult {
  requests: number;
  perSecond: number;
  latency: Latency;
  errors: number;
}

const summary = (run: { samples: number[]; seconds: number; errors: number }): RunResult => ({
  requests: run.samples.length,
  perSecond: Math.round((run.samples.length / run.seconds) * 10) / 10,
  latency: latency(run.samples),
  errors: run.errors,
});

export async function bareInserts(
  db: BareDb,
  table: string,
  mode: { rate: number; seconds: number } | { total: number; concurrency: number },
): Promise<RunResult> {
  await db.pool.query(
    `CREATE TABLE IF NOT EXISTS ${table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, service_id uuid NOT NULL, issued_at timestamptz NOT NULL, tracking_code text NOT NULL)`,
  );
  const insert = () => db.pool.query(`INSERT INTO ${table} (service_id, issued_at, tracking_code) VALUES (gen_random_uuid(), now(), md5(random()::text))`);
  const run = 'rate' in mode ? await openLoop(mode.rate, mode.seconds, insert) : await closedLoop(mode.total, mode.concurrency, insert);
  return summary(run);
}

/** `counters` workers each claiming the next waiting row of `rows` in due order until `total` are claimed. */
export async function bareClaims(db: BareDb, table: string, rows: number, total: number, counters: number): Promise<RunResult & { claimedTwice: number }> {
  await db.pool.query(
    `CREATE TABLE IF NOT EXISTS ${table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, due_at timestamptz NOT NULL, status text NOT NULL, counter int)`,
  );
  await db.pool.query(`CREATE INDEX IF NOT EXISTS ${table}_waiting ON ${table} (due_at, id) WHERE status = 'waiting'`);
  await db.pool.query(`INSERT INTO ${table} (due_at, status) SELECT now() + make_interval(secs => g), 'waiting' FROM generate_series(1, $1) g`, [
    Math.max(rows, total),
  ]);
  const claimed: number[] = [];
  const run = await closedLoop(total, counters, async (index) => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string }>(
        `SELECT id FROM ${table} WHERE status = 'waiting' ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (rows[0]) {
        await client.query(`UPDATE ${table} SET status = 'called', counter = $2 WHERE id = $1`, [rows[0].id, index % counters]);
        claimed.push(Number(rows[0].id));
      }
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  });
  return { ...summary(run), claimedTwice: claimed.length - new Set(claimed).size };
}

export async function dropBare(db: BareDb, tables: string[]): Promise<void> {
  for (const table of tables) await db.pool.query(`DROP TABLE IF EXISTS ${table}`);
}
