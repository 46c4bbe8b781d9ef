import { METRICS_SQL } from '../../src/metrics/metrics.repository.js';
import { OUTBOX_SQL } from '../../src/notifications/outbox.repository.js';
import { SUPERVISION_SQL } from '../../src/supervision/supervision.repository.js';
import { useTestApp } from '../support/test-app.js';
import { planWithoutSeqScans } from './plans.js';

/**
 * The alert timer asks every 15 seconds, on every instance, which offices to scan. The
 * append-only tables grow by the year (`ticket_events` takes several rows per ticket), so
 * that question must be answered from indexes bounded by what it asks (a day's finished
 * services, the tickets waiting now), never by reading a table or a whole index through:
 * on a small test database the planner would read the tables anyway, so sequential scans
 * are priced out (`enable_seqscan = off`) and the plan must name the bounded indexes.
 * Before the finished-at index, the events were read through `ticket_events_office_at`,
 * whose leading column the question does not bound (73 ms → 5 ms on the bench's database).
 */
describe('the periodic queries read no growing table through', () => {
  const t = useTestApp();

  const plan = (sql: string, params: unknown[]) => planWithoutSeqScans(t, sql, params);

  it('officesToScan, the alert timer’s question', async () => {
    const text = await plan(SUPERVISION_SQL.officesToScan, [
      new Date(Date.parse('2026-11-29T01:00:00.000Z')),
      new Date(Date.parse('2026-11-30T01:00:00.000Z')),
    ]);
    expect(text.match(/Seq Scan on (ticket_events|tickets|supervision_alerts|complaints)\b.*/g) ?? []).toEqual([]);
    const indexes = [...text.matchAll(/(?:using|Bitmap Index Scan on) (\w+)/g)].map((match) => match[1]);
    expect(indexes.filter((name) => name.startsWith('ticket_events'))).toEqual(['ticket_events_finished_at']);
    // Someone waiting is asked of the services' counts (`service_waiting`), never of tickets: with a
    // large queue in the statistics the planner answered it by a sequential scan of tickets per office.
    expect(indexes.filter((name) => name.startsWith('tickets_'))).toEqual([]);
    expect(text).not.toMatch(/ on tickets\b/);
    expect(text).toMatch(/service_waiting/);
    expect(indexes.filter((name) => name.startsWith('complaints_'))).toEqual(['complaints_open_due']);
  });

  it('queues, a metrics scrape’s question: the waiting counts kept per service, and of tickets only the overdue, per service by index', async () => {
    const text = await plan(METRICS_SQL.queues, [new Date(Date.parse('2026-11-30T01:00:00.000Z'))]);
    // Joined to the tickets, a scrape read every waiting ticket of every office (22,400 rows, 43 ms on a
    // database of 121 offices), by a sequential scan of tickets once the waiting were a large share of it.
    expect(text).not.toMatch(/Seq Scan on tickets\b/);
    expect(text).toMatch(/service_waiting/);
    const tickets = [...text.matchAll(/(?:Index Scan|Index Only Scan|Bitmap Index Scan) (?:using |on )(tickets\w*)[^\n]*\n\s*Index Cond: ([^\n]*)/g)].map(
      (match) => `${match[1]}: ${match[2]}`,
    );
    expect(tickets).toEqual([expect.stringMatching(/^tickets_waiting_service_due: \(\(service_id = s\.id\) AND \(due_at < /)]);
  });

  it('reminderCandidates, the reminder scan’s question: the bookings of the next two days by index, each checked against the outbox by its key', async () => {
    const text = await plan(OUTBOX_SQL.reminderCandidates, [new Date(Date.parse('2026-11-30T01:00:00.000Z')), null]);
    expect(text.match(/Seq Scan on (bookings|outbox)\b.*/g) ?? []).toEqual([]);
    const indexes = [...text.matchAll(/(?:using|Bitmap Index Scan on) (\w+)/g)].map((match) => match[1]);
    expect(indexes).toContain('bookings_booked_slot');
    expect(indexes).toContain('outbox_once');
  });
});
