import fc from 'fast-check';
import { type CounterScope, type QueueEntry, canServe, dueTime, pickNext, queueFor } from './call-order.js';
import { counterView, officeSnapshot, officeView, serviceView, ticketView } from './testing/index.js';
import type { TicketView } from './views.js';
import {
  type ForecastCounter,
  type WaitForecastInput,
  arrivalRates,
  arrivalsEnd,
  serviceArrivalsEnd,
  averageServiceMinutes,
  estimateWaitMinutes,
  expectedBackAt,
  expectedBusyUntil,
  forecastInputFromSnapshot,
  forecastOffice,
  forecastWaitFor,
  forecastWaits,
  noShowShare,
} from './wait-estimate.js';

describe('estimateWaitMinutes', () => {
  it('promises nothing when no counter for the service is open', () => {
    expect(estimateWaitMinutes({ ahead: 5, openCounters: 0, averageServiceMinutes: 4 })).toBeNull();
    expect(estimateWaitMinutes({ ahead: 0, openCounters: 0, averageServiceMinutes: 4 })).toBeNull();
  });

  it('is zero for the first in line at an open counter', () => {
    expect(estimateWaitMinutes({ ahead: 0, openCounters: 1, averageServiceMinutes: 4 })).toBe(0);
  });

  it('shares the people ahead among the open counters', () => {
    expect(estimateWaitMinutes({ ahead: 6, openCounters: 1, averageServiceMinutes: 5 })).toBe(30);
    expect(estimateWaitMinutes({ ahead: 6, openCounters: 3, averageServiceMinutes: 5 })).toBe(10);
  });

  it('rounds up to whole minutes, never promising less than the arithmetic', () => {
    expect(estimateWaitMinutes({ ahead: 1, openCounters: 2, averageServiceMinutes: 3 })).toBe(2);
    expect(estimateWaitMinutes({ ahead: 3, openCounters: 1, averageServiceMinutes: 2.1 })).toBe(7);
  });

  it('never shrinks when more people are ahead, and never grows when more counters open', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0.5, max: 60, noNaN: true }),
        (ahead, openCounters, average) => {
          const base = estimateWaitMinutes({ ahead, openCounters, averageServiceMinutes: average })!;
          expect(estimateWaitMinutes({ ahead: ahead + 1, openCounters, averageServiceMinutes: average })!).toBeGreaterThanOrEqual(base);
          expect(estimateWaitMinutes({ ahead, openCounters: openCounters + 1, averageServiceMinutes: average })!).toBeLessThanOrEqual(base);
          expect(Number.isInteger(base)).toBe(true);
        },
      ),
    );
  });
});

describe('averageServiceMinutes', () => {
  it('falls back to the standard before anyone has been served', () => {
    expect(averageServiceMinutes([], 7)).toBe(7);
  });

  it('is the mean of the recent service times, ignoring the standard', () => {
    expect(averageServiceMinutes([4, 6, 11], 7)).toBe(7);
    expect(averageServiceMinutes([2, 3], 15)).toBe(2.5);
  });
});

describe('forecastWaits', () => {
  const t0 = Date.parse('2026-11-30T01:00:00.000Z');
  const min = (n: number) => t0 + n * 60_000;
  const entry = (id: string, serviceId: string, issuedMinute: number, maxWait: number, priority: QueueEntry['priority'] = null): QueueEntry => ({
    id,
    serviceId,
    issuedAt: min(issuedMinute),
    dueAt: dueTime(min(issuedMinute), maxWait, priority, 10),
    priority,
  });
  const counter = (serviceIds: string[], extra: Partial<ForecastCounter> = {}): ForecastCounter => ({
    serviceIds,
    priorityOnly: false,
    state: 'open',
    busyUntil: null,
    ...extra,
  });
  const base = { now: t0, serviceMinutes: { A: 5, B: 10 }, maxWaitMinutes: { A: 30, B: 45 }, priorityMaxWaitMinutes: 10, walkUpMinutes: 1 };

  it('lines the queue up behind one free counter, each taking the walk-up plus the average', () => {
    const waits = forecastWaits({
      ...base,
      counters: [counter(['A'])],
      waiting: [entry('a1', 'A', -3, 30), entry('a2', 'A', -2, 30), entry('a3', 'A', -1, 30)],
    });
    expect([...waits.entries()]).toEqual([
      ['a1', 0],
      ['a2', 6],
      ['a3', 12],
    ]);
  });

  it('waits for the citizen already at the counter', () => {
    const waits = forecastWaits({ ...base, counters: [counter(['A'], { busyUntil: min(4) })], waiting: [entry('a1', 'A', -1, 30)] });
    expect(waits.get('a1')).toBe(4);
  });

  it('sees that a counter shared with another service is taken by a ticket due sooner', () => {
    // b1 was issued long ago and is due before a2: the shared counter takes it first.
    const waiting = [entry('b1', 'B', -40, 45), entry('a1', 'A', -2, 30), entry('a2', 'A', -1, 30)];
    const waits = forecastWaits({ ...base, counters: [counter(['A']), counter(['A', 'B'])], waiting });
    expect(waits.get('b1')).toBe(0);
    expect(waits.get('a1')).toBe(0);
    expect(waits.get('a2')).toBe(6);
    // The count-based estimate shares a2's one person ahead between two counters.
    expect(estimateWaitMinutes({ ahead: 1, openCounters: 2, averageServiceMinutes: 5 })).toBe(3);
  });

  it('lets a priority counter take priority tickets first', () => {
    const waiting = [entry('a1', 'A', -20, 30), entry('p1', 'A', -1, 30, 'lanjut_usia')];
    const waits = forecastWaits({ ...base, counters: [counter(['A'], { priorityOnly: true })], waiting });
    expect(waits.get('p1')).toBe(0);
    expect(waits.get('a1')).toBe(6);
  });

  it('promises nothing for a service no counter serves, and counts a paused counter once it is back', () => {
    const waits = forecastWaits({
      ...base,
      pausedBackInMinutes: 15,
      counters: [counter(['A'], { state: 'paused' }), counter(['B'], { state: 'closed' })],
      waiting: [entry('a1', 'A', -1, 30), entry('b1', 'B', -1, 45)],
    });
    expect(waits.get('a1')).toBe(15);
    expect(waits.get('b1')).toBeNull();
  });

  it('counts a closed counter due to open by its schedule from then on', () => {
    const waits = forecastWaits({
      ...base,
      counters: [counter(['A'], { state: 'closed', backAt: min(5) })],
      waiting: [entry('a1', 'A', -1, 30), entry('a2', 'A', 0, 30)],
    });
    expect(waits.get('a1')).toBe(5);
    expect(waits.get('a2')).toBe(11);
  });

  it('foresees later priority tickets being called before a regular ticket far from its limit', () => {
    const waiting = [entry('a1', 'A', -1, 30), entry('a2', 'A', 0, 30)];
    const without = forecastWaits({ ...base, counters: [counter(['A'], { busyUntil: min(5) })], waiting });
    const withArrivals = forecastWaits({
      ...base,
      counters: [counter(['A'], { busyUntil: min(5) })],
      waiting,
      arrivalsPerMinute: { A: { regular: 0, priority: 0.25 } },
    });
    expect(without.get('a2')).toBe(11);
    expect(withArrivals.get('a2')!).toBeGreaterThan(without.get('a2')!);
  });

  it('counts the expected no-shows ahead as the short time they take', () => {
    const waiting = [entry('a1', 'A', -3, 30), entry('a2', 'A', -2, 30), entry('a3', 'A', -1, 30)];
    const waits = forecastWaits({ ...base, counters: [counter(['A'])], waiting, noShowShare: 0.5, noShowMinutes: 2 });
    // Each call ahead: half the time 6 minutes (walk-up + service), half the time 2 (a no-show).
    expect(waits.get('a3')).toBe(8);
  });

  it('never promises a later ticket an earlier call at a single counter', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -120, max: 0 }), fc.boolean()), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 30 }),
        (tickets, busy) => {
          const waiting = tickets.map(([issued, priority], index) => entry(`t${index}`, 'A', issued, 30, priority ? 'wanita_hamil' : null));
          const waits = forecastWaits({ ...base, counters: [counter(['A'], { busyUntil: min(busy) })], waiting });
          const inCallOrder = queueFor(waiting, { serviceIds: ['A'], priorityOnly: false }).map((ticket) => waits.get(ticket.id)!);
          for (let i = 1; i < inCallOrder.length; i += 1) expect(inCallOrder[i]).toBeGreaterThan(inCallOrder[i - 1]);
        },
      ),
    );
  });
});

/**
 * The forecast as first written: the whole queue scanned with `pickNext` at every call. The
 * lanes of `forecastWaits` must make exactly the same choices.
 */
function referenceForecast(input: WaitForecastInput): Map<string, number | null> {
  const { now } = input;
  const walkUp = (input.walkUpMinutes ?? 1) * 60_000;
  const horizon = now + (input.horizonMinutes ?? 720) * 60_000;
  const result = new Map<string, number | null>();
  const counters = input.counters
    .filter((counter) => counter.state !== 'closed' || (counter.backAt !== null && counter.backAt !== undefined))
    .map((counter) => ({
      scope: counter as CounterScope,
      freeAt: Math.max(counter.state === 'open' ? now : Math.max(now, counter.backAt ?? now + 600_000), counter.busyUntil ?? now),
    }));
  for (const entry of input.waiting) if (!counters.some((counter) => canServe(counter.scope, entry))) result.set(entry.id, null);
  const pool = input.waiting.filter((entry) => !result.has(entry.id));
  while (pool.length > 0 && counters.length > 0) {
    const counter = counters.reduce((a, b) => (b.freeAt < a.freeAt ? b : a));
    if (counter.freeAt > horizon) break;
    const next = pickNext(pool, counter.scope);
    if (!next) {
      counter.freeAt = Number.POSITIVE_INFINITY;
      continue;
    }
    pool.splice(pool.indexOf(next), 1);
    result.set(next.id, (counter.freeAt - now) / 60_000);
    counter.freeAt += walkUp + (input.serviceMinutes[next.serviceId] ?? 0) * 60_000;
  }
  for (const entry of pool) result.set(entry.id, (horizon - now) / 60_000);
  return result;
}

describe('forecastWaits against the whole-queue scan', () => {
  const t0 = Date.parse('2026-11-30T01:00:00.000Z');
  const services = ['A', 'B', 'C'];
  const maxWait: Record<string, number> = { A: 30, B: 45, C: 20 };
  const ticketArb = fc.record({
    service: fc.constantFrom(...services),
    issued: fc.integer({ min: -90, max: 0 }),
    priority: fc.boolean(),
    transferredShorter: fc.boolean(),
  });
  const counterArb = fc.record({
    serviceIds: fc.subarray(services, { minLength: 1 }),
    priorityOnly: fc.boolean(),
    state: fc.constantFrom('open', 'paused', 'closed') as fc.Arbitrary<ForecastCounter['state']>,
    busy: fc.option(fc.integer({ min: 0, max: 20 })),
    back: fc.option(fc.integer({ min: 0, max: 30 })),
  });

  it('calls every ticket at the same moment as scanning the whole queue with pickNext', () => {
    fc.assert(
      fc.property(fc.array(ticketArb, { maxLength: 60 }), fc.array(counterArb, { minLength: 1, maxLength: 5 }), (tickets, counters) => {
        const waiting: QueueEntry[] = tickets.map((ticket, index) => {
          const issuedAt = t0 + ticket.issued * 60_000;
          const priority = ticket.priority ? 'disabilitas' : null;
          // Some come from a transfer: issued long ago, due by another service's standard.
          const dueAt = dueTime(issuedAt, ticket.transferredShorter ? 5 : maxWait[ticket.service], priority, 10);
          return { id: `t${index}`, serviceId: ticket.service, issuedAt, dueAt, priority, issueOrder: index };
        });
        const input: WaitForecastInput = {
          now: t0,
          counters: counters.map((counter) => ({
            serviceIds: counter.serviceIds,
            priorityOnly: counter.priorityOnly,
            state: counter.state,
            busyUntil: counter.busy === null ? null : t0 + counter.busy * 60_000,
            backAt: counter.back === null ? null : t0 + counter.back * 60_000,
          })),
          waiting,
          serviceMinutes: { A: 5, B: 7.5, C: 3 },
          maxWaitMinutes: maxWait,
          priorityMaxWaitMinutes: 10,
        };
        expect(forecastWaits(input)).toEqual(referenceForecast(input));
      }),
    );
  });
});

describe('forecastWaits with probes, breaks and closing time', () => {
  const t0 = Date.parse('2026-11-30T01:00:00.000Z');
  const min = (n: number) => t0 + n * 60_000;
  const entry = (id: string, issuedMinute: number, priority: QueueEntry['priority'] = null): QueueEntry => ({
    id,
    serviceId: 'A',
    issuedAt: min(issuedMinute),
    dueAt: dueTime(min(issuedMinute), 30, priority, 10),
    priority,
    issueOrder: issuedMinute + 100,
  });
  const open: ForecastCounter = { serviceIds: ['A'], priorityOnly: false, state: 'open', busyUntil: null };
  const base = { now: t0, serviceMinutes: { A: 4 }, maxWaitMinutes: { A: 30 }, priorityMaxWaitMinutes: 10, walkUpMinutes: 1 };

  it('gives a probe the wait a real ticket in its place would get, and changes nobody else', () => {
    const waiting = [entry('a1', -5), entry('a2', -3)];
    const probe = entry('new', 0);
    const withProbe = forecastWaits({ ...base, counters: [open, open], waiting, probes: [probe], arrivalsPerMinute: { A: { regular: 0.5, priority: 0 } } });
    const asReal = forecastWaits({ ...base, counters: [open, open], waiting: [...waiting, probe], arrivalsPerMinute: { A: { regular: 0.5, priority: 0 } } });
    expect(withProbe.get('new')).toBe(asReal.get('new'));
    expect(withProbe.get('new')).toBe(5);
    expect(forecastWaits({ ...base, counters: [open, open], waiting, arrivalsPerMinute: { A: { regular: 0.5, priority: 0 } } })).toEqual(
      new Map([...withProbe].filter(([id]) => id !== 'new')),
    );
  });

  it('takes a break still to come when the counter frees up after it is due', () => {
    const waiting = [entry('a1', -5), entry('a2', -4), entry('a3', -3)];
    const waits = forecastWaits({ ...base, counters: [{ ...open, breaks: [{ at: min(3), minutes: 60 }] }], waiting });
    // a1 at 0, a2 at 5 (the break was due at 3, so it starts now), back at 65 for a3.
    expect([waits.get('a1'), waits.get('a2'), waits.get('a3')]).toEqual([0, 65, 70]);
  });

  it('foresees no arrivals after the office stops issuing tickets', () => {
    const waiting = [entry('a1', -1)];
    const busy = { ...open, busyUntil: min(10) };
    const rates = { A: { regular: 0, priority: 1 } };
    // Priority tickets coming every minute would all be due before a1; once issuing stops at minute 2, only two of them come.
    expect(forecastWaits({ ...base, counters: [busy], waiting, arrivalsPerMinute: rates, arrivalsUntil: min(2) }).get('a1')).toBe(20);
    expect(forecastWaits({ ...base, counters: [busy], waiting, arrivalsPerMinute: rates }).get('a1')).toBeGreaterThan(100);
  });

  it('foresees no arrivals of a service past its own cut-off', () => {
    const waiting = [entry('a1', -1)];
    const busy = { ...open, busyUntil: min(10) };
    const rates = { A: { regular: 0, priority: 1 } };
    const input = { ...base, counters: [busy], waiting, arrivalsPerMinute: rates, arrivalsUntil: min(60) };
    expect(forecastWaits({ ...input, serviceArrivalsUntil: serviceArrivalsEnd(min(62), { A: 60 }) }).get('a1')).toBe(20);
    expect(forecastWaits({ ...input, serviceArrivalsUntil: serviceArrivalsEnd(min(62), { B: 60 }) }).get('a1')).toBeGreaterThan(20);
    expect(serviceArrivalsEnd(null, { A: 60 })).toBeUndefined();
  });
});

describe('forecastOffice and forecastWaitFor', () => {
  const t0 = Date.parse('2026-11-30T01:00:00.000Z');
  const waiting: QueueEntry[] = [0, 1, 2].map((index) => ({
    id: `a${index}`,
    serviceId: 'A',
    issuedAt: t0 - 60_000,
    dueAt: t0 + 29 * 60_000,
    priority: null,
    issueOrder: index,
  }));
  const forecast = forecastOffice({
    now: t0,
    counters: [{ serviceIds: ['A'], priorityOnly: false, state: 'open', busyUntil: t0 + 90_000 }],
    waiting,
    serviceMinutes: { A: 2.4, B: 5 },
    maxWaitMinutes: { A: 30, B: 45 },
    priorityMaxWaitMinutes: 10,
    walkUpMinutes: 0,
  });

  it('forecasts every waiting ticket and a new ticket of each kind for every service', () => {
    expect([...forecast.waits.values()].map((minutes) => Math.round(minutes! * 10) / 10)).toEqual([1.5, 3.9, 6.3]);
    // A new regular ticket queues behind the three; a priority one is due sooner and goes first.
    expect(forecast.newTicket.A.regular).toBeCloseTo(8.7);
    expect(forecast.newTicket.A.priority).toBeCloseTo(1.5);
    // No counter serves B.
    expect(forecast.newTicket.B).toEqual({ regular: null, priority: null });
  });

  it('answers in whole minutes from now, for a known ticket or one the forecast has not seen', () => {
    expect(forecastWaitFor(forecast, { id: 'a1', serviceId: 'A', priority: null }, t0)).toBe(4);
    expect(forecastWaitFor(forecast, { id: 'a1', serviceId: 'A', priority: null }, t0 + 3 * 60_000)).toBe(1);
    expect(forecastWaitFor(forecast, { id: 'a1', serviceId: 'A', priority: null }, t0 + 30 * 60_000)).toBe(0);
    expect(forecastWaitFor(forecast, { id: 'unseen', serviceId: 'A', priority: 'wanita_hamil' }, t0)).toBe(2);
    expect(forecastWaitFor(forecast, { serviceId: 'A', priority: null }, t0)).toBe(9);
    expect(forecastWaitFor(forecast, { serviceId: 'B', priority: null }, t0)).toBeNull();
    expect(forecastWaitFor(forecast, { serviceId: 'Z', priority: null }, t0)).toBeNull();
  });
});

describe('expectedBackAt', () => {
  const now = Date.parse('2026-11-30T03:00:00.000Z');
  const closed = {
    state: 'closed' as const,
    pauseReason: null,
    pausedAt: null,
    openedToday: false,
    scheduled: { from: now + 30 * 60_000, to: now + 6 * 3_600_000 },
  };
  it('brings a paused counter back when its break may end, and a system fault at an unknown time', () => {
    expect(expectedBackAt({ ...closed, state: 'paused', pauseReason: 'ishoma', pausedAt: now - 20 * 60_000 }, now)).toBe(now + 40 * 60_000);
    expect(expectedBackAt({ ...closed, state: 'paused', pauseReason: 'briefing', pausedAt: now - 20 * 60_000 }, now)).toBe(now);
    expect(expectedBackAt({ ...closed, state: 'paused', pauseReason: 'system_down', pausedAt: now - 20 * 60_000 }, now)).toBeNull();
  });
  it('opens a closed counter at its schedule, soon once late, and not again once it has opened today', () => {
    expect(expectedBackAt(closed, now)).toBe(now + 30 * 60_000);
    expect(expectedBackAt({ ...closed, scheduled: { from: now - 60_000, to: now + 60_000 } }, now)).toBe(now + 5 * 60_000);
    expect(expectedBackAt({ ...closed, openedToday: true }, now)).toBeNull();
    expect(expectedBackAt({ ...closed, scheduled: null }, now)).toBeNull();
    expect(expectedBackAt({ ...closed, state: 'open' }, now)).toBeNull();
  });
});

describe('arrivalsEnd', () => {
  const hours = [{ weekday: 1, opens: '08:00', closes: '15:00' }];
  it('is the closing time on an open day, now on a closed day, and nothing without hours', () => {
    expect(arrivalsEnd(hours, 'Asia/Jakarta', Date.parse('2026-11-30T03:00:00.000Z'))).toBe(Date.parse('2026-11-30T08:00:00.000Z'));
    const saturday = Date.parse('2026-11-28T14:00:00.000Z');
    expect(arrivalsEnd(hours, 'Asia/Jakarta', saturday)).toBe(saturday);
    expect(arrivalsEnd([], 'Asia/Jakarta', saturday)).toBeNull();
  });
});

describe('arrivalRates and noShowShare', () => {
  const now = Date.parse('2026-11-30T03:00:00.000Z');
  it('spreads the tickets seen over the window, at least ten minutes of it', () => {
    const issued = [
      { serviceId: 'A', priority: false, count: 15 },
      { serviceId: 'A', priority: true, count: 3 },
      { serviceId: 'X', priority: false, count: 9 },
    ];
    expect(arrivalRates(issued, ['A', 'B'], now - 2 * 3_600_000, now)).toEqual({ A: { regular: 0.5, priority: 0.1 }, B: { regular: 0, priority: 0 } });
    expect(arrivalRates(issued, ['A'], now - 60_000, now).A.regular).toBe(1.5);
  });
  it('trusts the no-show share only from ten calls on', () => {
    expect(noShowShare(9, 3)).toBe(0);
    expect(noShowShare(20, 3)).toBe(0.15);
  });
});

describe('expectedBusyUntil', () => {
  const now = Date.parse('2026-11-30T01:00:00.000Z');
  it('is the start plus the average, but a running-long service is given 40% of the average more', () => {
    expect(expectedBusyUntil({ calledAt: now - 120_000, startedAt: now - 60_000 }, 5, now)).toBe(now + 4 * 60_000);
    expect(expectedBusyUntil({ calledAt: now - 600_000, startedAt: now - 540_000 }, 5, now)).toBe(now + 2 * 60_000);
    expect(expectedBusyUntil({ calledAt: now - 600_000, startedAt: now - 240_000 }, 5, now)).toBe(now + 2 * 60_000);
    expect(expectedBusyUntil({ calledAt: now, startedAt: null }, 5, now, 1)).toBe(now + 6 * 60_000);
    expect(expectedBusyUntil(null, 5, now)).toBeNull();
  });
});

describe('forecastInputFromSnapshot', () => {
  const now = Date.parse('2026-11-30T02:00:00.000Z');
  const iso = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
  const ticket = (id: string, status: TicketView['status'], issued: number, extra: Partial<TicketView> = {}): TicketView =>
    ticketView({ id, number: `A-${id}`, serviceId: 'A', status, issuedAt: iso(issued), issueOrder: issued + 1000, ...extra });
  const snapshot = officeSnapshot({
    seq: 7,
    at: iso(0),
    office: officeView({ id: 'o', slug: 'o', name: 'O' }),
    services: [
      serviceView({ id: 'A', code: 'A', name: 'KTP-el', waitingCount: 2, countersOpen: 1, issuedToday: 3, averageServiceMinutes: 8, estimatedWaitMinutes: 8 }),
    ],
    counters: [counterView({ serviceIds: ['A'], currentTicket: ticket('x', 'serving', -20, { counterId: 'c1', calledAt: iso(-4), startedAt: iso(-3) }) })],
    waiting: [ticket('1', 'waiting', -10), ticket('2', 'waiting', -5)],
  });

  it('takes the averages, the citizen at the counter and the waiting tickets from the snapshot', () => {
    const input = forecastInputFromSnapshot(snapshot, now, { walkUpMinutes: 1 });
    expect(input.serviceMinutes).toEqual({ A: 8 });
    expect(input.counters[0].busyUntil).toBe(now + 5 * 60_000);
    expect(input.waiting.map((entry) => entry.id)).toEqual(['1', '2']);
    const waits = forecastWaits(input);
    expect(waits.get('1')).toBe(5);
    expect(waits.get('2')).toBe(14);
  });
});
