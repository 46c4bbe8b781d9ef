import fc from 'fast-check';
import { PRIORITY_CATEGORIES, type QueueEntry, pickNext } from '@loket/domain';
import { createOffice, queueEntryOf } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

/**
 * Call-next claims tickets with SQL for speed and locking; the rule itself is pickNext in
 * libs/domain. This checks the two agree on random queues, call after call.
 */
describe('the SQL claim follows the domain rule', () => {
  const t = useTestApp();
  const api = t.api;

  const arrival = fc.record({
    service: fc.constantFrom('A', 'B', 'C'),
    priority: fc.option(fc.constantFrom(...PRIORITY_CATEGORIES), { freq: 3 }),
    gapSeconds: fc.integer({ min: 0, max: 600 }),
  });

  it.each([
    ['a regular counter serving two services', false],
    ['a priority counter', true],
  ])(
    'calls what pickNext would pick, with %s',
    async (_, priorityOnly) => {
      await fc.assert(
        fc.asyncProperty(fc.array(arrival, { minLength: 1, maxLength: 15 }), async (arrivals) => {
          const office = await createOffice(t, {
            services: [
              { code: 'A', maxWaitMinutes: 15 },
              { code: 'B', maxWaitMinutes: 60 },
              { code: 'C', maxWaitMinutes: 30 },
            ],
            counters: [{ number: 1, services: ['A', 'B'], priorityOnly }],
          });
          const token = office.officers[1].token;
          const serviceIds = [office.services.A, office.services.B];
          const waiting: QueueEntry[] = [];
          for (const { service, priority, gapSeconds } of arrivals) {
            t.clock.advanceMinutes(gapSeconds / 60);
            const ticket = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services[service], priority })).body;
            waiting.push(queueEntryOf(ticket));
          }
          await api.post(`/counters/${office.counters[1]}/open`, undefined, token);

          for (;;) {
            const expected = pickNext(waiting, { serviceIds, priorityOnly });
            const reply = await api.post(`/counters/${office.counters[1]}/call-next`, undefined, token);
            if (!expected) {
              expect(reply.status).toBe(204);
              break;
            }
            expect(reply.body.id).toBe(expected.id);
            waiting.splice(waiting.indexOf(expected), 1);
            await api.post(`/tickets/${expected.id}/start`, undefined, token);
            await api.post(`/tickets/${expected.id}/finish`, undefined, token);
          }
        }),
        { numRuns: 12 },
      );
      // Twelve offices built and drained over HTTP: about 40 s on a quiet machine, over the
      // default 60 s once on PostgreSQL with two Jest workers.
    },
    180_000,
  );
});
