/**
 * The regional dashboard's cost per row, in process: what the API spends in libs/domain each
 * time an event of a watched office computes that office's row again
 * (apps/api/src/regional/regional-rows.ts: `supervisionFigures` without estimates, then
 * `regionalOfficeRow`), at a few queue lengths, over a day of 6 counters and 300 served.
 * At most one such row per office per `REGIONAL_REFRESH_MS` (2 s); an office no regional head
 * oversees costs nothing. `node dist/regional-cost.js [waiting,…]` prints one JSON line per queue length.
 */
import { type SupervisionState, type SupervisionTicketEvent, regionalOfficeRow, supervisionFigures } from '@loket/domain';
import { counterView, officeSnapshot, serviceView, ticketView } from '@loket/domain/testing';

const queues = (process.argv[2] ?? '200,2000,20000').split(',').map(Number);
// Monday 30 November 2026, 14:00 in Jakarta: six hours into the day.
const dayStart = Date.parse('2026-11-30T01:00:00.000Z');
const now = dayStart + 6 * 60 * 60_000;
const services = ['A', 'B', 'C', 'D', 'PL'];
const schedule = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '15:00' }));

function state(waiting: number): SupervisionState {
  const counters = Array.from({ length: 6 }, (_, i) =>
    counterView({ id: `c${i}`, number: i + 1, serviceIds: i === 5 ? services : [services[i % 5], services[(i + 1) % 5]], state: 'open' }),
  );
  const ticketEvents: SupervisionTicketEvent[] = [];
  // 300 served through the day, each issued, called, started and finished at one of the counters.
  for (let i = 0; i < 300; i += 1) {
    const issuedAt = dayStart + i * 70_000;
    const serviceId = services[i % 5];
    const counterId = `c${i % 6}`;
    const ticketId = `s${i}`;
    ticketEvents.push({ ticketId, serviceId, type: 'issued', at: issuedAt, counterId: null });
    ticketEvents.push({ ticketId, serviceId, type: 'called', at: issuedAt + 20 * 60_000, counterId });
    ticketEvents.push({ ticketId, serviceId, type: 'started', at: issuedAt + 21 * 60_000, counterId });
    ticketEvents.push({ ticketId, serviceId, type: 'finished', at: issuedAt + 30 * 60_000, counterId });
  }
  const queue = Array.from({ length: waiting }, (_, i) => {
    const issuedAt = now - (waiting - i) * 1_000;
    const serviceId = services[i % 5];
    ticketEvents.push({ ticketId: `w${i}`, serviceId, type: 'issued', at: issuedAt, counterId: null });
    return ticketView({ id: `w${i}`, number: `${serviceId}-${i}`, serviceId, issuedAt: new Date(issuedAt).toISOString() });
  });
  return {
    office: officeSnapshot({
      services: services.map((code, i) => serviceView({ id: code, code, standard: { maxWaitMinutes: 30 + 15 * (i % 3) } })),
      counters,
      waiting: queue,
    }),
    day: '2026-11-30',
    staffing: counters.map((counter) => ({ counterId: counter.id, schedule, staffId: null, staffName: null })),
    ticketEvents: ticketEvents.sort((a, b) => a.at - b.at),
    counterEvents: counters.map((counter) => ({ counterId: counter.id, type: 'opened' as const, at: dayStart })),
  };
}

for (const waiting of queues) {
  const office = state(waiting);
  const runs = waiting >= 20_000 ? 10 : 40;
  const times: number[] = [];
  for (let i = 0; i < runs + 3; i += 1) {
    const started = performance.now();
    const row = regionalOfficeRow(office, supervisionFigures(office, now, { estimates: false }), { now, surveys: null, openAlerts: 0 });
    if (i >= 3) times.push(performance.now() - started);
    if (row.waitingNow !== waiting) throw new Error(`the row counts ${row.waitingNow} waiting, not ${waiting}`);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(JSON.stringify({ waiting, runs, medianMs: Number(median.toFixed(2)), p90Ms: Number(times[Math.floor(times.length * 0.9)].toFixed(2)) }));
}
