/**
 * The serving cycle: officers looping call-next → start → finish, the finish carrying the
 * interaction checklist as the desk sends it, over a queue of a given length. Besides the
 * rate and each step's latency it counts what a served ticket costs the database: the
 * statements the API sent (its `loket_database_statements_total`, both databases) and, on
 * PostgreSQL, the rows read and the transactions (`pg_stat_user_tables`, `pg_stat_database`
 * deltas), which do not depend on how busy the machine is. It also counts the CPU time a served
 * ticket costs the API process (PGlite runs inside it) and, on PostgreSQL, the database's
 * backends: less disturbed by other work on the machine than the rate and latencies are.
 */
import { readFile } from 'node:fs/promises';
import { Api } from '@loket/simulator/http';
import type { Sql } from './sql.js';
import { latency, type Latency } from './stats.js';

export interface ServingRun {
  officers: number;
  /** Waiting when the run began (topped up to the phase's queue length). */
  waiting: number;
  served: number;
  perSecond: number;
  errors: number;
  steps: { callNext: Latency; start: Latency; finish: Latency };
  /** Per served ticket; null where the target cannot say (rows and transactions on PGlite). */
  perServed: {
    statements: number | null;
    rowsRead: number | null;
    transactions: number | null;
    /** CPU milliseconds of the API process (with PGlite, the database's too). */
    apiCpuMs: number | null;
    /** CPU milliseconds of the PostgreSQL backends serving this database (null on PGlite, or where /proc cannot tell). */
    databaseCpuMs: number | null;
  };
  /** Rows read per served ticket, by source (a table's sequential scans, an index), largest first (PostgreSQL only). */
  rowsBySource: { source: string; rows: number }[];
  /** Times the API read an office's supervision state afresh during the run, by reason (null: not reported). */
  supervisionReloads: Record<string, number> | null;
}

export interface DatabaseCounts {
  rowsRead: number;
  transactions: number;
  /** Rows read, by where from: `table (seq)` for a table's sequential scans, an index's name for its fetches. */
  sources: Map<string, number>;
}

/** Rows read from the product's tables (sequential + index fetches) and transactions ended, in this database. */
export async function databaseCounts(sql: Sql): Promise<DatabaseCounts> {
  // The statistics of a backend reach these views when it goes idle, at most once a second.
  await new Promise((done) => setTimeout(done, 1_500));
  await sql.query('SELECT pg_stat_clear_snapshot()');
  const tables = await sql.query<{ relname: string; seq: string; idx: string }>(
    `SELECT relname, coalesce(seq_tup_read, 0)::text AS seq, coalesce(idx_tup_fetch, 0)::text AS idx FROM pg_stat_user_tables`,
  );
  const indexes = await sql.query<{ name: string; fetched: string }>(`SELECT indexrelname AS name, idx_tup_fetch::text AS fetched FROM pg_stat_user_indexes`);
  const [database] = await sql.query<{ xacts: string }>(
    `SELECT (xact_commit + xact_rollback)::text AS xacts FROM pg_stat_database WHERE datname = current_database()`,
  );
  const rowsRead = tables.reduce((sum, table) => sum + Number(table.seq) + Number(table.idx), 0);
  const sources = new Map<string, number>([
    ...tables.map((table): [string, number] => [`${table.relname} (seq)`, Number(table.seq)]),
    ...indexes.map((index): [string, number] => [index.name, Number(index.fetched)]),
  ]);
  return { rowsRead, transactions: Number(database.xacts), sources };
}

/** Rows read between two counts, per source (a table's sequential scans, an index), largest first; those with none left out. */
export function sourceDeltas(before: DatabaseCounts, after: DatabaseCounts, per = 1): { source: string; rows: number }[] {
  return [...after.sources]
    .map(([source, rows]) => ({ source, rows: Math.round(((rows - (before.sources.get(source) ?? 0)) / per) * 10) / 10 }))
    .filter((delta) => delta.rows > 0)
    .sort((a, b) => b.rows - a.rows);
}

/** The API's supervision re-reads by reason (`loket_supervision_reloads_total`), null when it does not report them. */
export async function supervisionReloadsOf(baseUrl: string): Promise<Record<string, number> | null> {
  const text = await (await fetch(`${baseUrl}/api/v1/metrics`)).text();
  const found: Record<string, number> = {};
  for (const match of text.matchAll(/^loket_supervision_reloads_total\{reason="(\w+)"\} (\d+)$/gm)) found[match[1]] = Number(match[2]);
  return Object.keys(found).length ? found : null;
}

export async function statementsSent(baseUrl: string): Promise<number | null> {
  const text = await (await fetch(`${baseUrl}/api/v1/metrics`)).text();
  const match = /^loket_database_statements_total (\d+)$/m.exec(text);
  return match ? Number(match[1]) : null;
}

/** CPU seconds the API process has used so far (prom-client's `process_cpu_seconds_total`), null when not reported. */
export async function apiCpuSeconds(baseUrl: string): Promise<number | null> {
  const text = await (await fetch(`${baseUrl}/api/v1/metrics`)).text();
  const match = /^process_cpu_seconds_total ([\d.e+-]+)$/m.exec(text);
  return match ? Number(match[1]) : null;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/**
 * CPU seconds used so far by each backend of this database other than the bench's own, by
 * process id, read from /proc (null when the database runs where /proc cannot see it). A
 * backend that ends between two readings takes its CPU time since the first with it; the
 * API's pool keeps its connections for the runs, so that is little.
 */
export async function backendCpuSeconds(sql: Sql): Promise<Map<number, number> | null> {
  const rows = await sql.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
  const seconds = new Map<number, number>();
  try {
    for (const { pid } of rows) {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
      if (stat === null) continue;
      // After the command name in parentheses: state is field 3, utime 14 and stime 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / USER_HZ);
    }
  } catch {
    return null;
  }
  return rows.length > 0 && seconds.size === 0 ? null : seconds;
}

/** CPU seconds the backends used between two readings (`backendCpuSeconds`), null when either could not be read. */
export function backendCpuDelta(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let total = 0;
  for (const [pid, used] of after) total += used - (before.get(pid) ?? 0);
  return total;
}

export interface ServingDesk {
  counterId: string;
  desk: Api;
}

/**
 * Every desk loops call-next → start → finish until `total` tickets are served (or the
 * queue is empty). The counts are taken around the loop only: topping up the queue is not
 * part of it.
 */
export async function servingRun(options: {
  baseUrl: string;
  desks: ServingDesk[];
  total: number;
  waiting: number;
  finishBody: unknown;
  sql: Sql | null;
}): Promise<ServingRun> {
  const { desks, total } = options;
  const statementsBefore = await statementsSent(options.baseUrl);
  const reloadsBefore = await supervisionReloadsOf(options.baseUrl);
  const countsBefore = options.sql ? await databaseCounts(options.sql) : null;
  const cpuBefore = await apiCpuSeconds(options.baseUrl);
  const backendsBefore = options.sql ? await backendCpuSeconds(options.sql) : null;
  const samples = { callNext: [] as number[], start: [] as number[], finish: [] as number[] };
  let claimed = 0;
  let served = 0;
  let errors = 0;
  const timed = async <T>(into: number[], action: () => Promise<T>): Promise<T> => {
    const begin = performance.now();
    const result = await action();
    into.push(performance.now() - begin);
    return result;
  };
  const began = performance.now();
  await Promise.all(
    desks.map(async ({ counterId, desk }) => {
      while (claimed < total) {
        claimed += 1;
        try {
          const called = await timed(samples.callNext, () => desk.request<{ id: string }>('POST', `/counters/${counterId}/call-next`));
          if (called.status === 204) return;
          await timed(samples.start, () => desk.post(`/tickets/${called.data.id}/start`));
          await timed(samples.finish, () => desk.post(`/tickets/${called.data.id}/finish`, options.finishBody));
          served += 1;
        } catch {
          errors += 1;
          if (errors > 50) return;
        }
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  const cpuAfter = await apiCpuSeconds(options.baseUrl);
  const backendsAfter = options.sql ? await backendCpuSeconds(options.sql) : null;
  const databaseCpu = backendCpuDelta(backendsBefore, backendsAfter);
  const countsAfter = options.sql ? await databaseCounts(options.sql) : null;
  const statementsAfter = await statementsSent(options.baseUrl);
  const reloadsAfter = await supervisionReloadsOf(options.baseUrl);
  const per = (value: number | null) => (value === null || served === 0 ? null : Math.round((value / served) * 10) / 10);
  return {
    officers: desks.length,
    waiting: options.waiting,
    served,
    perSecond: Math.round((served / seconds) * 10) / 10,
    errors,
    steps: { callNext: latency(samples.callNext), start: latency(samples.start), finish: latency(samples.finish) },
    perServed: {
      statements: per(statementsBefore === null || statementsAfter === null ? null : statementsAfter - statementsBefore),
      rowsRead: per(countsBefore && countsAfter ? countsAfter.rowsRead - countsBefore.rowsRead : null),
      transactions: per(countsBefore && countsAfter ? countsAfter.transactions - countsBefore.transactions : null),
      apiCpuMs: per(cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) * 1000),
      databaseCpuMs: per(databaseCpu === null ? null : databaseCpu * 1000),
    },
    rowsBySource: countsBefore && countsAfter && served > 0 ? sourceDeltas(countsBefore, countsAfter, served) : [],
    supervisionReloads:
      reloadsBefore && reloadsAfter
        ? Object.fromEntries(Object.entries(reloadsAfter).map(([reason, count]) => [reason, count - (reloadsBefore[reason] ?? 0)]))
        : null,
  };
}
