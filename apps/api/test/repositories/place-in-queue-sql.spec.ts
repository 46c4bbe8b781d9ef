import fc from 'fast-check';
import { PRIORITY_CATEGORIES, type QueueEntry, placeInQueue } from '@loket/domain';
import { createOffice, queueEntryOf } from '../support/fixtures.js';
import { useTestApp } from '../support/test-app.js';

/**
 * A ticket's place in the queue is counted in SQL twice, inside the issue statement and
 * when the phone page tracks the ticket (TicketsRepository: `issue`, `placeAhead`); the
 * rule is `placeInQueue` in libs/domain. This checks they agree on random queues, with
 * tickets called, transferred to the other service and cancelled along the way. The issue
 * statement takes the service's waiting count kept by the database (`service_waiting`,
 * migration 1765180000000) less the tickets behind: after every step that count must be
 * the tickets' own.
 */
describe('the SQL place in queue follows the domain rule', () => {
  const t = useTestApp();
  const api = t.api;

  const step = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('issue' as const),
        service: fc.constantFrom('A', 'B'),
        priority: fc.option(fc.constantFrom(...PRIORITY_CATEGORIES), { freq: 3 }),
        gapSeconds: fc.integer({ min: 0, max: 900 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('call' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('transfer' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  );

  it('gives every waiting ticket the place placeInQueue gives it, at issue and when tracked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const office = await createOffice(t, {
          services: [
            { code: 'A', maxWaitMinutes: 15 },
            { code: 'B', maxWaitMinutes: 45 },
          ],
          counters: [{ number: 1, services: ['A', 'B'] }],
        });
        const token = office.officers[1].token;
        await api.post(`/counters/${office.counters[1]}/open`, undefined, token);
        const waiting: (QueueEntry & { trackingCode: string })[] = [];
        const countsAgree = async () => {
          const kept = await t.db.query<{ service_id: string; waiting: number }[]>(
            `SELECT service_id, waiting FROM service_waiting WHERE service_id = ANY($1::uuid[]) AND waiting <> 0 ORDER BY service_id`,
            [Object.values(office.services)],
          );
          const counted = await t.db.query<{ service_id: string; waiting: number }[]>(
            `SELECT service_id, count(*)::int AS waiting FROM tickets WHERE office_id = $1 AND status = 'waiting' GROUP BY service_id ORDER BY service_id`,
            [office.id],
          );
          expect(kept).toEqual(counted);
        };

        for (const action of steps) {
          if (action.kind === 'issue') {
            t.clock.advanceMinutes(action.gapSeconds / 60);
            const reply = await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services[action.service], priority: action.priority });
            const ticket = reply.body;
            waiting.push({ ...queueEntryOf(ticket), trackingCode: ticket.trackingCode });
            expect(ticket.placeInQueue).toBe(placeInQueue(waiting, ticket.id));
          } else if (action.kind === 'call' || action.kind === 'transfer') {
            const called = await api.post(`/counters/${office.counters[1]}/call-next`, undefined, token);
            if (called.status === 200) {
              const [entry] = waiting.splice(
                waiting.findIndex((candidate) => candidate.id === called.body.id),
                1,
              );
              await api.post(`/tickets/${called.body.id}/start`, undefined, token);
              if (action.kind === 'transfer') {
                const to = called.body.serviceId === office.services.A ? office.services.B : office.services.A;
                const moved = await api.post(`/tickets/${called.body.id}/transfer`, { serviceId: to }, token);
                expect(moved.status).toBe(200);
                waiting.push({ ...queueEntryOf(moved.body), trackingCode: entry.trackingCode });
              } else {
                await api.post(`/tickets/${called.body.id}/finish`, undefined, token);
              }
            }
          } else if (waiting.length > 0) {
            const [cancelled] = waiting.splice(action.pick % waiting.length, 1);
            expect((await api.post(`/tickets/track/${cancelled.trackingCode}/cancel`)).status).toBe(200);
          }
          await countsAgree();
        }

        for (const entry of waiting) {
          const tracked = await api.get(`/tickets/track/${entry.trackingCode}`);
          expect(tracked.body.placeInQueue).toBe(placeInQueue(waiting, entry.id));
        }
      }),
      { numRuns: 10 },
    );
  });
});
