import fc from 'fast-check';
import { type OfficeSnapshot, type ServiceView, countersOpenFor, countersServingFor } from '@loket/domain';
import { createOffice } from '../support/fixtures.js';
import { useTestApp } from '../support/test-app.js';

/**
 * "Counters open" per service is counted in SQL (OfficesRepository `services`, what the
 * kiosk and the board are sent) and, on every screen that applies live events, by
 * `countersOpenFor` in libs/domain over the counters. This checks the two agree as
 * counters open, pause, resume and close at random; and the same for the counters serving
 * a service (`countersServingFor`), which the API's issue also counts in SQL.
 */
describe('the SQL counters-open figure follows the domain rule', () => {
  const t = useTestApp();
  const api = t.api;

  const CODES = ['A', 'B', 'C'] as const;
  const counterSpec = fc.subarray([...CODES], { minLength: 1 });
  const move = fc.record({ counter: fc.nat(), action: fc.constantFrom('open', 'pause', 'resume', 'close') });

  it('counts for each service the counters countersOpenFor counts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(counterSpec, { minLength: 1, maxLength: 4 }), fc.array(move, { maxLength: 12 }), async (counters, moves) => {
        const office = await createOffice(t, {
          // D is served by no counter.
          services: [...CODES, 'D'].map((code) => ({ code })),
          counters: counters.map((services, index) => ({ number: index + 1, services })),
        });
        for (const { counter, action } of moves) {
          const number = (counter % counters.length) + 1;
          // Some moves are refused (pausing a closed counter): the state simply stays.
          await api.post(
            `/counters/${office.counters[number]}/${action}`,
            action === 'pause' ? { reason: 'ishoma' } : undefined,
            office.officers[number].token,
          );
        }
        const board = (await api.get<OfficeSnapshot>(`/offices/${office.slug}/board`)).body;
        const services = (await api.get<ServiceView[]>(`/offices/${office.slug}/services`)).body;
        for (const service of services) {
          expect(service.countersOpen).toBe(countersOpenFor(board.counters, service.id));
          // "Served by a counter" (what makes a service issuable, `isIssuable`) likewise.
          expect(service.countersServing).toBe(countersServingFor(board.counters, service.id));
        }
        for (const service of board.services) {
          expect(service.countersOpen).toBe(countersOpenFor(board.counters, service.id));
        }
      }),
      { numRuns: 15 },
    );
  });
});
