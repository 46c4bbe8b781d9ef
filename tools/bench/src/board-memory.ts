/**
 * Board memory, run as its own process with --expose-gc: the heap after applying N office
 * events with the board's own reducer (OfficeFeed / applyOfficeEvent of libs/domain), ticket
 * after ticket issued, called and finished, as a board left running for days sees them.
 * Prints one JSON line: { events, heapBeforeBytes, heapAfterBytes }.
 */
import { type CounterView, type OfficeEvent, OfficeFeed, type OfficeSnapshot, type ServiceView, type TicketView } from '@loket/domain';

const events = Number(process.argv[2] ?? 1000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc');

const serviceIds = ['A', 'B', 'C', 'D', 'PL'].map((code, index) => ({ code, id: `00000000-0000-4000-8000-00000000000${index}` }));
const services: ServiceView[] = serviceIds.map(({ code, id }) => ({
  id,
  agencyId: 'ag',
  code,
  name: `Layanan ${code}`,
  active: true,
  standard: { maxWaitMinutes: 30, serviceTimeMinutes: 10, costRupiah: 0, requirements: ['KTP-el'], completionTime: 'Langsung', dailyQuota: null },
  waitingCount: 0,
  countersOpen: 6,
  countersServing: 6,
  issuedToday: 0,
  quotaReached: false,
  averageServiceMinutes: 10,
  estimatedWaitMinutes: 0,
  estimatedWaitRange: { lo: 0, hi: 0 },
  issuingUntil: null,
  issueCutoffMinutes: 30,
}));
const counters: CounterView[] = Array.from({ length: 6 }, (_, index) => ({
  id: `10000000-0000-4000-8000-00000000000${index}`,
  agencyId: 'ag',
  number: index + 1,
  name: `Loket ${index + 1}`,
  priorityOnly: index === 5,
  serviceIds: serviceIds.map((service) => service.id),
  state: 'open',
  pauseReason: null,
  pauseNote: null,
  pausedAt: null,
  sessionId: `20000000-0000-4000-8000-00000000000${index}`,
  currentTicket: null,
}));
const start = Date.parse('2026-11-30T01:00:00.000Z');
const snapshot: OfficeSnapshot = {
  seq: 0,
  at: new Date(start).toISOString(),
  // Open around the clock (the bench office keeps no hours).
  calendar: { open: true, closesAt: null, opensAt: null, reason: null, reasonText: null, holidayToday: null, closureToday: null },
  office: {
    id: 'o',
    slug: 'mpp-kota-harapan',
    name: 'Mal Pelayanan Publik Kota Harapan',
    timeZone: 'Asia/Jakarta',
    openingHours: [],
    priorityMaxWaitMinutes: 10,
    noShowAfterMinutes: 2,
    offlineAfterMinutes: 5,
    shiftEndGraceMinutes: 30,
    address: '',
    city: '',
  },
  agencies: [{ id: 'ag', officeId: 'o', name: 'Mal Pelayanan Publik Kota Harapan', shortName: 'MPP', color: '#1d4ed8', sortOrder: 0 }],
  zones: [],
  services,
  counters,
  waiting: [],
  recentCalls: [],
};

/** The i-th event of a steady day: about 30 waiting, each ticket issued, then called, then finished. */
function eventAt(seq: number): OfficeEvent {
  const step = seq % 3;
  const ticketNo = Math.floor(seq / 3);
  const at = new Date(start + seq * 1000).toISOString();
  const service = serviceIds[ticketNo % serviceIds.length];
  const ticket = (number: number, status: TicketView['status'], counter: CounterView | null): TicketView => ({
    id: `t-${number}`,
    number: `${service.code}-${String(number % 1000).padStart(3, '0')}`,
    serviceId: service.id,
    serviceCode: service.code,
    priority: null,
    status,
    issuedAt: new Date(start + number * 3000).toISOString(),
    dueAt: new Date(start + number * 3000 + 30 * 60_000).toISOString(),
    issueOrder: number,
    counterId: counter?.id ?? null,
    counterNumber: counter?.number ?? null,
    calledAt: status === 'waiting' ? null : at,
    startedAt: null,
    finishedAt: status === 'done' ? at : null,
    recallCount: 0,
  });
  // The ticket issued now is called 30 tickets later and finished right after.
  if (step === 0) return { seq, at, kind: 'ticket', type: 'issued', ticket: ticket(ticketNo, 'waiting', null), call: null, fromServiceId: null };
  const target = ticketNo - 30;
  const counter = counters[((target % 6) + 6) % 6];
  if (target < 0) return { seq, at, kind: 'counter', type: 'resumed', counter: { ...counter } };
  if (step === 1) {
    const called = ticket(target, 'called', counter);
    return {
      seq,
      at,
      kind: 'ticket',
      type: 'called',
      ticket: called,
      call: {
        ticketId: called.id,
        number: called.number,
        serviceId: called.serviceId,
        counterId: counter.id,
        counterNumber: counter.number,
        counterName: counter.name,
        at,
        recall: false,
      },
      fromServiceId: null,
    };
  }
  return { seq, at, kind: 'ticket', type: 'finished', ticket: ticket(target, 'done', counter), call: null, fromServiceId: null };
}

const feed = new OfficeFeed();
feed.hydrate(snapshot);
gc();
gc();
const heapBeforeBytes = process.memoryUsage().heapUsed;
for (let seq = 1; seq <= events; seq += 1) {
  if (feed.offer(eventAt(seq)) !== 'apply') throw new Error(`event ${seq} was not applied`);
}
gc();
gc();
const heapAfterBytes = process.memoryUsage().heapUsed;
process.stdout.write(
  `${JSON.stringify({ events, heapBeforeBytes, heapAfterBytes, waiting: snapshot.waiting.length, recentCalls: snapshot.recentCalls.length })}\n`,
);
