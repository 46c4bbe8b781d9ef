import type { TestApp } from '../support/test-app.js';

/**
 * The plan of `sql` with sequential scans priced out (`enable_seqscan = off`): on a small test
 * database the planner would read every table through anyway, so a plan assertion about a
 * growing table names the index the statement must take instead.
 */
export async function planWithoutSeqScans(t: Pick<TestApp, 'db'>, sql: string, params: unknown[]): Promise<string> {
  return t.db.transaction(async (tx) => {
    await tx.query('SET LOCAL enable_seqscan = off');
    const rows = await tx.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`, params);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}
