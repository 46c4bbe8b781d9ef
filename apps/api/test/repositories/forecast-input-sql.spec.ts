import fc from 'fast-check';
import {
  type ForecastCounter,
  PRIORITY_CATEGORIES,
  type QueueEntry,
  type WaitForecastInput,
  supervisionFigures,
  supervisionForecastInput,
} from '@loket/domain';
import { ForecastInputRepository } from '../../src/forecast/forecast-input.repository.js';
import { OfficesService } from '../../src/offices/offices.service.js';
import { SupervisionStateLoader } from '../../src/supervision/supervision-state.loader.js';
import { createOffice } from '../support/fixtures.js';
import { useTestApp } from '../support/test-app.js';

/**
 * The wait forecast reads the office in SQL (ForecastInputRepository), for speed; the
 * supervisor's screen derives the same input from the day's events in libs/domain
 * (`supervisionForecastInput`, and the recent service times of `supervisionFigures`).
 * This checks the two agree after random days of issuing, calling, serving, no-shows (some
 * undone, some reinstated) and pauses.
 */
describe('the SQL forecast input follows the domain rule', () => {
  const t = useTestApp();
  const api = t.api;

  const COUNTERS = 2;
  const step = fc.record({
    action: fc.constantFrom('issue', 'issue', 'issue', 'call', 'start', 'finish', 'no_show', 'undo_no_show', 'reinstate', 'pause', 'resume', 'close', 'open'),
    counter: fc.integer({ min: 1, max: COUNTERS }),
    service: fc.constantFrom('A', 'B'),
    priority: fc.option(fc.constantFrom(...PRIORITY_CATEGORIES), { freq: 3 }),
    gapMinutes: fc.integer({ min: 0, max: 20 }),
  });

  it('reads what the day’s events give', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const office = await createOffice(t, {
          services: [
            { code: 'A', maxWaitMinutes: 20, serviceTimeMinutes: 8 },
            { code: 'B', maxWaitMinutes: 45, serviceTimeMinutes: 15 },
          ],
          counters: [
            { number: 1, services: ['A', 'B'] },
            { number: 2, services: ['B'], priorityOnly: true },
          ],
        });
        for (let number = 1; number <= COUNTERS; number += 1)
          await api.post(`/counters/${office.counters[number]}/open`, undefined, office.officers[number].token);
        const atCounter = new Map<number, string>();
        const markedNoShow = new Map<number, string>();

        for (const { action, counter, service, priority, gapMinutes } of steps) {
          t.clock.advanceMinutes(gapMinutes);
          const token = office.officers[counter].token;
          const ticket = atCounter.get(counter);
          // Refused moves (calling at a paused counter, starting with nobody called) leave the office as it was.
          if (action === 'issue') {
            await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services[service], priority });
          } else if (action === 'call') {
            const called = await api.post(`/counters/${office.counters[counter]}/call-next`, undefined, token);
            if (called.status === 200) atCounter.set(counter, called.body.id);
          } else if (action === 'start' || action === 'finish' || action === 'no_show') {
            if (!ticket) continue;
            const reply = await api.post(`/tickets/${ticket}/${action === 'no_show' ? 'no-show' : action}`, undefined, token);
            if (reply.status === 200 && action !== 'start') atCounter.delete(counter);
            if (reply.status === 200 && action === 'no_show') markedNoShow.set(counter, ticket);
          } else if (action === 'undo_no_show') {
            // Undone within its seconds when no time passed since (the gap was 0), refused otherwise.
            const marked = markedNoShow.get(counter);
            if (!marked) continue;
            const reply = await api.post(`/tickets/${marked}/undo-no-show`, undefined, token);
            markedNoShow.delete(counter);
            if (reply.status === 200) atCounter.set(counter, marked);
          } else if (action === 'reinstate') {
            // Back in the queue from the "tidak hadir hari ini" list: the no-show was none.
            const marked = markedNoShow.get(counter);
            if (!marked) continue;
            await api.post(`/tickets/${marked}/reinstate`, undefined, token);
            markedNoShow.delete(counter);
          } else {
            await api.post(`/counters/${office.counters[counter]}/${action}`, action === 'pause' ? { reason: 'ishoma' } : undefined, token);
          }
        }

        const now = t.clock.now();
        const entity = await t.app.get(OfficesService).bySlug(office.slug);
        const fromSql = await t.app.get(ForecastInputRepository).read(entity, now);
        const state = await t.app.get(SupervisionStateLoader).load(office.slug, now);
        const fromEvents = supervisionForecastInput(state, now.getTime(), fromSql.serviceMinutes);

        expect(comparable(fromSql)).toEqual(comparable(fromEvents));
        // The recent service times the SQL averages are the ones the supervisor's figures average.
        for (const figures of supervisionFigures(state, now.getTime()).services) {
          expect(fromSql.serviceMinutes[figures.serviceId]).toBeCloseTo(figures.averageServiceMinutes, 9);
        }
      }),
      { numRuns: 10 },
    );
  });
});

/** The input with its lists in one order: neither side promises an order of counters or waiting tickets. */
function comparable(input: WaitForecastInput) {
  const counter = (entry: ForecastCounter) => ({ ...entry, serviceIds: [...entry.serviceIds].sort() });
  const byJson = <T>(a: T, b: T) => JSON.stringify(a).localeCompare(JSON.stringify(b));
  return {
    now: input.now,
    counters: input.counters.map(counter).sort(byJson),
    waiting: [...input.waiting].sort((a: QueueEntry, b: QueueEntry) => a.id.localeCompare(b.id)),
    maxWaitMinutes: input.maxWaitMinutes,
    priorityMaxWaitMinutes: input.priorityMaxWaitMinutes,
    arrivalsPerMinute: input.arrivalsPerMinute,
    arrivalsUntil: input.arrivalsUntil,
    serviceArrivalsUntil: input.serviceArrivalsUntil,
    noShowShare: input.noShowShare,
  };
}
