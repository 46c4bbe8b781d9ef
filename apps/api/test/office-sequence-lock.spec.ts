import type { DataSource, QueryRunner } from 'typeorm';
import { createOffice } from './support/fixtures.js';
import type { Reply } from './support/http.js';
import { onPostgres, useTestApp } from './support/test-app.js';

/** The statements of each transaction the product runs, in order, from its BEGIN to its COMMIT. */
function recordTransactions(db: DataSource): { transactions: string[][]; stop(): void } {
  const transactions: string[][] = [];
  const create = db.createQueryRunner.bind(db);
  db.createQueryRunner = (...args: Parameters<DataSource['createQueryRunner']>): QueryRunner => {
    const runner = create(...args);
    const query = runner.query.bind(runner);
    let current: string[] | null = null;
    runner.query = ((sql: string, ...rest: unknown[]) => {
      const statement = sql.replace(/\s+/g, ' ').trim();
      if (/^(START TRANSACTION|BEGIN)/i.test(statement)) transactions.push((current = []));
      current?.push(statement);
      if (/^(COMMIT|ROLLBACK)/i.test(statement)) current = null;
      return (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as QueryRunner['query'];
    return runner;
  };
  return { transactions, stop: () => (db.createQueryRunner = create) };
}

/**
 * Every change in an office takes the office's sequence number (`UPDATE offices SET seq`), and
 * that row lock is held to COMMIT: it is the one lock every call-next, open and finish of the
 * office queues for. Each statement run while holding it is a round trip every change queued
 * behind it waits for, so with 50 counters calling at once the last waits 50 times that; past
 * the 3 s lock_timeout on PostgreSQL it is a 503. So the bump is the last statement before
 * COMMIT, in the same statement as the event it numbers.
 */
describe(`the office's sequence lock is held for one statement (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp();

  it('in every counter and ticket change: the sequence bump is the last statement before COMMIT', async () => {
    const office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    const officer = office.officers[1].token;
    const counter = office.counters[1];
    const ticket = (await t.api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;
    await t.api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });

    const steps: [string, string, unknown?][] = [
      ['open', `/counters/${counter}/open`],
      ['call-next', `/counters/${counter}/call-next`],
      ['recall', `/tickets/${ticket.id}/recall`],
      ['start', `/tickets/${ticket.id}/start`],
      ['finish', `/tickets/${ticket.id}/finish`],
      ['pause', `/counters/${counter}/pause`, { reason: 'ishoma' }],
      ['resume', `/counters/${counter}/resume`],
      ['call-next again', `/counters/${counter}/call-next`],
      ['no-show', `/tickets/CALLED/no-show`],
      ['close', `/counters/${counter}/close`],
    ];
    const heldFor: Record<string, number[]> = {};
    let called: string | null = null;
    for (const [name, path, body] of steps) {
      const recorder = recordTransactions(t.db);
      try {
        const reply: Reply = await t.api.post(path.replace('CALLED', called ?? ''), body, officer);
        expect([name, reply.status]).toEqual([name, 200]);
        if (name === 'call-next again') called = String(reply.body.id);
      } finally {
        recorder.stop();
      }
      const changes = recorder.transactions.filter((statements) => statements.some((sql) => /UPDATE offices SET seq = seq \+ 1/.test(sql)));
      // Statements from the bump's to the COMMIT, both included: 2 is the bump, then COMMIT.
      heldFor[name] = changes.map((statements) => statements.length - statements.findIndex((sql) => /UPDATE offices SET seq = seq \+ 1/.test(sql)));
    }
    expect(heldFor).toEqual(Object.fromEntries(steps.map(([name]) => [name, [2]])));
  });
});
