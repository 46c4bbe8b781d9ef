import { OFFICES_SQL } from '../../src/offices/offices.repository.js';
import { TICKETS_SQL } from '../../src/tickets/tickets.repository.js';
import { useTestApp } from '../support/test-app.js';
import { planWithoutSeqScans } from './plans.js';

/**
 * Each ticket issued asks how many active counters serve its service, and each office
 * snapshot asks it per service. `counter_services` grows with every counter of every office
 * in the database and its primary key leads with the counter: the question must be answered
 * through the index by service (migration 1765199000000), never by reading the table or that
 * key through. On a small test database the planner would read the table anyway, so
 * sequential scans are priced out (`enable_seqscan = off`) and the plan must name the index.
 */
describe('the counters serving a service are read by service', () => {
  const t = useTestApp();

  const plan = (sql: string, params: unknown[]) => planWithoutSeqScans(t, sql, params);

  function counterServicesIndexes(text: string): string[] {
    return [...text.matchAll(/(?:using|Bitmap Index Scan on) (counter_services\w*)/g)].map((match) => match[1]);
  }

  it('issueContext, at every ticket issued', async () => {
    const text = await plan(TICKETS_SQL.issueContext, ['kantor', '00000000-0000-4000-8000-000000000001', null, new Date('2026-11-30T01:00:00Z')]);
    expect(text).not.toMatch(/Seq Scan on counter_services/);
    expect(counterServicesIndexes(text)).toEqual(['counter_services_service']);
  });

  it('services, in every office snapshot', async () => {
    const text = await plan(OFFICES_SQL.services, ['00000000-0000-4000-8000-000000000002', '2026-11-30']);
    expect(text).not.toMatch(/Seq Scan on counter_services/);
    // Counters serving it, by service; counters open for it may come from the open sessions, by counter.
    expect(counterServicesIndexes(text)).toContain('counter_services_service');
  });
});
