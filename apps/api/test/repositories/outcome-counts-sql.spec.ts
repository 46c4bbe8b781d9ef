import fc from 'fast-check';
import { type OutcomeCounts, type OutcomeFact, outcomeCounts, outcomeFacts, serviceDay } from '@loket/domain';
import { type Dimension, ReportsRepository } from '../../src/reports/reports.repository.js';
import { createOffice } from '../support/fixtures.js';
import { useTestApp } from '../support/test-app.js';

/**
 * The report counts outcomes in SQL (`outcomeCounts`, grouping sets), for speed; libs/domain
 * counts them from the raw events (`outcomeFacts` + `outcomeCounts`). This checks the two agree
 * after random days of calling, serving, no-shows undone or reinstated (and called back), so
 * both follow the one no-show rule (`NO_SHOW_REVERSALS`): a ticket is a no-show only when that
 * is its final outcome.
 */
describe('the SQL outcome counts follow the domain rule', () => {
  const t = useTestApp();
  const api = t.api;

  const COUNTERS = 2;
  const step = fc.record({
    action: fc.constantFrom('issue', 'issue', 'call', 'call', 'start', 'finish', 'no_show', 'no_show', 'undo_no_show', 'reinstate', 'call_back'),
    counter: fc.integer({ min: 1, max: COUNTERS }),
    gapMinutes: fc.integer({ min: 0, max: 5 }),
  });

  it('counts what the period’s events give, per service, counter, officer and in total', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const office = await createOffice(t, {
          services: [{ code: 'A' }],
          counters: [
            { number: 1, services: ['A'] },
            { number: 2, services: ['A'] },
          ],
        });
        for (let number = 1; number <= COUNTERS; number += 1)
          await api.post(`/counters/${office.counters[number]}/open`, undefined, office.officers[number].token);
        const atCounter = new Map<number, string>();
        const noShows: string[] = [];

        for (const { action, counter, gapMinutes } of steps) {
          t.clock.advanceMinutes(gapMinutes);
          const token = office.officers[counter].token;
          const ticket = atCounter.get(counter);
          // Refused moves (an undo too late, a call with nobody waiting) leave the office as it was.
          if (action === 'issue') {
            await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
          } else if (action === 'call') {
            if (ticket) continue;
            const called = await api.post(`/counters/${office.counters[counter]}/call-next`, undefined, token);
            if (called.status === 200) atCounter.set(counter, called.body.id);
          } else if (action === 'start' || action === 'finish' || action === 'no_show') {
            if (!ticket) continue;
            const reply = await api.post(`/tickets/${ticket}/${action === 'no_show' ? 'no-show' : action}`, undefined, token);
            if (reply.status === 200 && action !== 'start') atCounter.delete(counter);
            if (reply.status === 200 && action === 'no_show') noShows.push(ticket);
          } else if (action === 'undo_no_show') {
            const marked = noShows.at(-1);
            if (!marked || ticket) continue;
            const reply = await api.post(`/tickets/${marked}/undo-no-show`, undefined, token);
            if (reply.status === 200) {
              noShows.pop();
              atCounter.set(counter, marked);
            }
          } else if (action === 'reinstate') {
            const marked = noShows.shift();
            if (marked) await api.post(`/tickets/${marked}/reinstate`, undefined, token);
          } else {
            const marked = noShows[0];
            if (!marked || ticket) continue;
            const reply = await api.post(`/counters/${office.counters[counter]}/call-back`, { ticketId: marked }, token);
            if (reply.status === 200) {
              noShows.shift();
              atCounter.set(counter, reply.body.id);
            }
          }
        }

        const day = serviceDay(t.clock.now(), 'Asia/Jakarta');
        const scope = { officeId: office.id, from: day, to: day };
        const reports = t.app.get(ReportsRepository);
        // A group whose only events count for nothing (a reinstatement, a no-show taken back) is a row of zeros in SQL.
        const fromSql = (await reports.outcomeCounts(scope))
          .filter((row) => Object.values(row.figures).some((count) => count > 0))
          .map((row) => [row.dimension, row.key, row.figures] as const);
        const facts = outcomeFacts(await reports.ticketEvents(scope));
        expect(sorted(fromSql)).toEqual(sorted(grouped(facts)));
      }),
      { numRuns: 10 },
    );
  });
});

/** The domain's counts per grouping set, keyed as the SQL keys them ('' for no service, counter or officer). */
function grouped(facts: readonly OutcomeFact[]): (readonly [Dimension, string, OutcomeCounts])[] {
  if (facts.length === 0) return [];
  const keys: [Dimension, (fact: OutcomeFact) => string | null][] = [
    ['services', (fact) => fact.serviceId],
    ['counters', (fact) => fact.counterId],
    ['officers', (fact) => fact.staffId],
    ['total', () => ''],
  ];
  return keys.flatMap(([dimension, key]) => {
    const groups = new Map<string, OutcomeFact[]>();
    for (const fact of facts) groups.set(key(fact) ?? '', [...(groups.get(key(fact) ?? '') ?? []), fact]);
    return [...groups].map(([k, group]) => [dimension, k, outcomeCounts(group)] as const);
  });
}

function sorted<T>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
