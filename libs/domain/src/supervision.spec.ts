import fc from 'fast-check';
import type { OfficeSnapshot, ServiceView, TicketView, CounterView } from './views.js';
import { type Interval, busyIntervals, counterDayMeasures, idleWhileWaitingIntervals, totalMinutes, waitingIntervals } from './counter-schedule.js';
import type { TicketEventRecord } from './measures.js';
import { CounterEventType, TicketEventType } from './realtime.js';
import { counterView, serviceView, ticketView } from './testing/index.js';
import { alertFigures, detectAlerts, endedAlerts } from './supervision-alerts.js';
import { complianceSideBySide, waitDistribution, waitsByHour } from './supervision-charts.js';
import { SUPERVISION_RULES, type SupervisionState, type SupervisionTicketEvent, recordOfficeEvent, supervisionFigures } from './supervision-figures.js';

// Monday 30 November 2026 in Jakarta (UTC+7).
const at = (hhmm: string) => Date.parse(`2026-11-30T${hhmm}:00+07:00`);
const iso = (hhmm: string) => new Date(at(hhmm)).toISOString();
const schedule = [{ weekday: 1, opens: '08:00', closes: '15:00' }];

const service = (id: string, code: string, maxWait: number, serviceTime: number): ServiceView =>
  serviceView({ id, code, standard: { maxWaitMinutes: maxWait, serviceTimeMinutes: serviceTime } });

const ticket = (id: string, issued: string, overrides: Partial<TicketView> = {}): TicketView =>
  ticketView({ id, number: `A-${id}`, serviceId: 'a', issuedAt: iso(issued), ...overrides });

const counter = (id: string, number: number, overrides: Partial<CounterView> = {}): CounterView =>
  counterView({ id, number, serviceIds: ['a'], state: 'closed', sessionId: null, ...overrides });

function state(parts: {
  waiting?: TicketView[];
  counters?: CounterView[];
  ticketEvents?: SupervisionTicketEvent[];
  counterEvents?: SupervisionState['counterEvents'];
}): SupervisionState {
  const counters = parts.counters ?? [counter('c1', 1)];
  const office: OfficeSnapshot = {
    seq: 1,
    at: iso('08:00'),
    calendar: { open: true, closesAt: null, opensAt: null, reason: null, reasonText: null, holidayToday: null, closureToday: null },
    agencies: [],
    zones: [],
    office: {
      id: 'o',
      slug: 'kantor',
      name: 'Kantor',
      timeZone: 'Asia/Jakarta',
      openingHours: schedule,
      priorityMaxWaitMinutes: 10,
      noShowAfterMinutes: 2,
      offlineAfterMinutes: 5,
      shiftEndGraceMinutes: 30,
      address: '',
      city: '',
    },
    services: [service('a', 'A', 30, 10)],
    counters,
    waiting: parts.waiting ?? [],
    recentCalls: [],
  };
  return {
    office,
    day: '2026-11-30',
    staffing: counters.map((c) => ({ counterId: c.id, schedule, staffId: 'p1', staffName: 'Siti' })),
    ticketEvents: parts.ticketEvents ?? [],
    counterEvents: parts.counterEvents ?? [],
  };
}

const ev = (ticketId: string, type: SupervisionTicketEvent['type'], hhmm: string, counterId: string | null = null): SupervisionTicketEvent => ({
  ticketId,
  type,
  at: at(hhmm),
  serviceId: 'a',
  counterId,
});

/** One ticket issued, called, started and finished at counter c1. */
function served(id: string, issued: string, called: string, started: string, finished: string): SupervisionTicketEvent[] {
  return [ev(id, 'issued', issued), ev(id, 'called', called, 'c1'), ev(id, 'started', started, 'c1'), ev(id, 'finished', finished, 'c1')];
}

describe('live service figures', () => {
  it('counts a priority ticket past the priority maximum as outside the standard', () => {
    // B-001 (lanjut usia) waited 11.3 minutes: inside the service's 30, past the office's 10-minute priority maximum.
    const priority = (type: SupervisionTicketEvent['type'], at: number) => ({ ...ev('p', type, '08:00', type === 'issued' ? null : 'c1'), at, priority: true });
    const s = state({
      counters: [counter('c1', 1, { state: 'open' })],
      counterEvents: [{ counterId: 'c1', type: 'opened', at: at('08:00') }],
      ticketEvents: [priority('issued', at('08:00')), priority('called', at('08:11') + 18_000), ...served('r', '08:00', '08:12', '08:12', '08:20')],
    });
    const [a] = supervisionFigures(s, at('08:30')).services;
    expect(a.measuredWaits).toBe(2);
    expect(a.withinStandardShare).toBe(0.5);
  });

  it('counts who waits now, the longest wait, today’s waits against the standard and the estimate', () => {
    const s = state({
      waiting: [ticket('3', '09:00'), ticket('4', '09:20')],
      counters: [counter('c1', 1, { state: 'open' })],
      counterEvents: [{ counterId: 'c1', type: 'opened', at: at('08:00') }],
      ticketEvents: [
        ...served('1', '08:00', '08:10', '08:11', '08:21'),
        ...served('2', '08:05', '08:45', '08:46', '08:58'),
        ev('3', 'issued', '09:00'),
        ev('4', 'issued', '09:20'),
      ],
    });

    const [a] = supervisionFigures(s, at('09:30'), { estimates: true }).services;

    expect(a.waitingNow).toBe(2);
    expect(a.longestWaitMinutes).toBe(30);
    expect(a.longestWaitTicket).toBe('A-3');
    // Waits 10 and 40 minutes against a maximum of 30: mean 25, half within.
    expect(a.averageWaitMinutes).toBe(25);
    expect(a.withinStandardShare).toBe(0.5);
    // Two ahead at the one open counter, each the walk-up (1 min) and the mean of services 10 and 12 minutes (24 in the plain play; 23 as the replays' median).
    expect(a.averageServiceMinutes).toBe(11);
    expect(a.estimatedWaitMinutes).toBe(23);
    expect(a.servedToday).toBe(2);
  });

  it('has no estimate when no counter for the service is open or expected today', () => {
    const s = state({
      waiting: [ticket('1', '09:00')],
      counterEvents: [
        { counterId: 'c1', type: 'opened', at: at('08:00') },
        { counterId: 'c1', type: 'closed', at: at('08:30') },
      ],
    });
    const [a] = supervisionFigures(s, at('09:10'), { estimates: true }).services;
    expect(a.estimatedWaitMinutes).toBeNull();
  });

  it('counts from when a counter is expected: a late opening soon, a break when its allowed length is up', () => {
    // Scheduled from 08:00 and not opened yet: expected in 5 minutes; then A-1 (1 + 10 minutes) is ahead: 16 in the plain play,
    // 13 as the replays' median (a 10-minute mean service, skewed, takes under 10 minutes more often than not).
    const late = state({ waiting: [ticket('1', '09:00')] });
    expect(supervisionFigures(late, at('09:10'), { estimates: true }).services[0].estimatedWaitMinutes).toBe(13);

    // On ishoma since 09:00 (60 minutes allowed): back at 10:00; then A-1, as above: 61 in the plain play, 58 as the replays' median.
    const onBreak = state({
      waiting: [ticket('1', '09:00')],
      counters: [counter('c1', 1, { state: 'paused', pauseReason: 'ishoma' })],
      counterEvents: [
        { counterId: 'c1', type: 'opened', at: at('08:00') },
        { counterId: 'c1', type: 'paused', at: at('09:00'), reason: 'ishoma' },
      ],
    });
    expect(supervisionFigures(onBreak, at('09:10'), { estimates: true }).services[0].estimatedWaitMinutes).toBe(58);
  });

  it('leaves the estimates out when asked to (the alert scan), and nothing else', () => {
    const s = state({
      waiting: [ticket('2', '08:30')],
      counters: [counter('c1', 1, { state: 'open' })],
      counterEvents: [{ counterId: 'c1', type: 'opened', at: at('08:00') }],
      ticketEvents: [...served('1', '08:00', '08:02', '08:03', '08:20'), ev('2', 'issued', '08:30')],
    });
    const full = supervisionFigures(s, at('08:40'));
    const lean = supervisionFigures(s, at('08:40'), { estimates: false });
    expect(full.services[0].estimatedWaitMinutes).not.toBeNull();
    expect(lean.services[0].estimatedWaitMinutes).toBeNull();
    expect(lean).toEqual({ ...full, services: full.services.map((service) => ({ ...service, estimatedWaitMinutes: null, estimatedWaitRange: null })) });
    expect(detectAlerts(s, lean, at('08:40'))).toEqual(detectAlerts(s, full, at('08:40')));
  });
});

describe('live counter figures', () => {
  it('measures idle while people wait, and the idle stretch going on now', () => {
    const s = state({
      waiting: [ticket('2', '08:30')],
      counters: [counter('c1', 1, { state: 'open' })],
      counterEvents: [{ counterId: 'c1', type: 'opened', at: at('08:00') }],
      ticketEvents: [...served('1', '08:00', '08:02', '08:03', '08:20'), ev('2', 'issued', '08:30')],
    });

    const [c] = supervisionFigures(s, at('08:40')).counters;

    // 08:00–08:02 before the first call, and 08:30–08:40 now.
    expect(c.idleWhileWaitingMinutes).toBe(12);
    expect(c.idleSince).toBe(at('08:30'));
    expect(c.staffName).toBe('Siti');
    expect(c.servedToday).toBe(1);
  });

  it('says how late a counter opened, and how long one not opened yet is overdue', () => {
    const s = state({
      counters: [counter('c1', 1, { state: 'open' }), counter('c2', 2)],
      counterEvents: [{ counterId: 'c1', type: 'opened', at: at('08:12') }],
    });

    const [opened, notOpened] = supervisionFigures(s, at('08:30')).counters;

    expect(opened.lateOpeningMinutes).toBe(12);
    expect(opened.notOpenedMinutes).toBeNull();
    expect(notOpened.notOpenedMinutes).toBe(30);
    expect(notOpened.staffName).toBeNull();
  });

  it('shows the pause going on, since when, and its overrun', () => {
    const s = state({
      counters: [counter('c1', 1, { state: 'paused', pauseReason: 'briefing' })],
      counterEvents: [
        { counterId: 'c1', type: 'opened', at: at('08:00') },
        { counterId: 'c1', type: 'paused', at: at('09:00'), reason: 'briefing' },
      ],
    });

    const [c] = supervisionFigures(s, at('09:25')).counters;

    expect(c.stateSince).toBe(at('09:00'));
    expect(c.currentPauseAllowedMinutes).toBe(15);
    expect(c.breakOverrunMinutes).toBe(10);
  });
});

describe('live counter figures, each counter from one pass over the day', () => {
  /** Each counter's idle time, idle stretch and finishes as they were computed before: every counter reading every event of the day. */
  function perCounterAsBefore(s: SupervisionState, now: number) {
    const byTicket = (keep: (event: SupervisionTicketEvent) => boolean) => {
      const grouped = new Map<string, TicketEventRecord[]>();
      for (const event of s.ticketEvents.filter(keep)) grouped.set(event.ticketId, [...(grouped.get(event.ticketId) ?? []), event]);
      return grouped;
    };
    return s.office.counters.map((c) => {
      const sessionEvents = s.counterEvents.filter((event) => event.counterId === c.id);
      const measures = counterDayMeasures(sessionEvents, schedule, 'Asia/Jakarta', now, {
        graceMinutes: SUPERVISION_RULES.openingGraceMinutes,
        scheduledSince: null,
      });
      const waiting: Interval[] = [];
      for (const events of byTicket(() => true).values()) waiting.push(...waitingIntervals(events, c.serviceIds, now));
      const busy: Interval[] = [];
      for (const events of byTicket((event) => event.counterId === c.id).values()) busy.push(...busyIntervals(events, now));
      const idle = idleWhileWaitingIntervals({ open: measures.open, busy, waiting, plannedBreaks: measures.plannedBreaks });
      return {
        idleWhileWaitingMinutes: totalMinutes(idle),
        lastIdle: idle.at(-1)?.from ?? null,
        servedToday: s.ticketEvents.filter((event) => event.counterId === c.id && event.type === 'finished').length,
      };
    });
  }

  it('gives every counter the idle time and finishes it had when each counter read the whole day (any events, shared and distinct service sets)', () => {
    const counters = [
      counter('c1', 1, { state: 'open', serviceIds: ['a'] }),
      counter('c2', 2, { state: 'open', serviceIds: ['a', 'b'] }),
      counter('c3', 3, { state: 'open', serviceIds: ['b', 'a'] }),
      counter('c4', 4, { state: 'open', serviceIds: ['c'], priorityOnly: true }),
      counter('c5', 5, { state: 'open', serviceIds: ['a'] }),
    ];
    const minute = fc.integer({ min: 0, max: 7 * 60 });
    const ticketEvent = fc.record({
      ticketId: fc.constantFrom('t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8'),
      type: fc.constantFrom(...Object.values(TicketEventType)),
      minute,
      serviceId: fc.constantFrom('a', 'b', 'c'),
      counterId: fc.constantFrom(null, 'c1', 'c2', 'c3', 'c4', 'c5'),
    });
    const counterEvent = fc.record({
      counterId: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5'),
      type: fc.constantFrom(...Object.values(CounterEventType)),
      minute,
    });
    fc.assert(
      fc.property(fc.array(ticketEvent, { maxLength: 80 }), fc.array(counterEvent, { maxLength: 20 }), minute, (tickets, sessions, nowMinute) => {
        const now = at('08:00') + nowMinute * 60_000;
        const s = state({
          counters,
          ticketEvents: tickets.map((e) => ({
            ticketId: e.ticketId,
            type: e.type,
            at: at('08:00') + e.minute * 60_000,
            serviceId: e.serviceId,
            counterId: e.counterId,
          })),
          counterEvents: sessions.map((e) => ({ counterId: e.counterId, type: e.type, at: at('08:00') + e.minute * 60_000 })),
        });
        const figures = supervisionFigures(s, now).counters;
        const before = perCounterAsBefore(s, now);
        expect(figures.map((c) => ({ idleWhileWaitingMinutes: c.idleWhileWaitingMinutes, servedToday: c.servedToday }))).toEqual(
          before.map((c) => ({ idleWhileWaitingMinutes: c.idleWhileWaitingMinutes, servedToday: c.servedToday })),
        );
        // The idle stretch going on now starts where the last idle interval does.
        figures.forEach((c, index) => {
          if (c.idleSince !== null) expect(c.idleSince).toBe(before[index].lastIdle);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('alerts', () => {
  const kinds = (s: SupervisionState, now: number) =>
    detectAlerts(s, supervisionFigures(s, now), now)
      .map((alert) => alert.kind)
      .sort();

  it('raises a ticket past its maximum wait only once it is past, keyed by ticket and service', () => {
    const s = state({ waiting: [ticket('1', '08:00')], counters: [] });
    expect(detectAlerts(s, supervisionFigures(s, at('08:30')), at('08:30'))).toEqual([]);

    const [alert] = detectAlerts(s, supervisionFigures(s, at('08:31')), at('08:31'));

    expect(alert).toMatchObject({
      kind: 'max_wait',
      key: 'max_wait:1:a',
      subject: 'A-1',
      ticketId: '1',
      since: at('08:30'),
      details: { waitedMinutes: 31, limitMinutes: 30 },
    });
  });

  it('raises a priority ticket past the priority maximum as its own kind', () => {
    const s = state({ waiting: [ticket('1', '08:00', { priority: 'lanjut_usia', dueAt: iso('08:10') })], counters: [] });
    expect(kinds(s, at('08:11'))).toEqual(['priority_wait']);
  });

  it('raises a counter not open at its scheduled time only after the grace, once a day', () => {
    const s = state({ counters: [counter('c1', 1)] });
    expect(kinds(s, at('08:05'))).toEqual([]);
    const [alert] = detectAlerts(s, supervisionFigures(s, at('08:06')), at('08:06'));
    expect(alert).toMatchObject({ kind: 'late_opening', key: 'late_opening:c1:2026-11-30', since: at('08:00') });
  });

  it('measures a counter added during the day from when it got its schedule: no lateness before it existed', () => {
    // Loket 7 is added at 08:08 with the 08:00–15:00 schedule, and opened at 08:10.
    const added = state({ counters: [counter('c7', 7, { state: 'open' })], counterEvents: [{ counterId: 'c7', type: 'opened', at: at('08:10') }] });
    added.staffing[0].scheduledSince = at('08:08');
    expect(supervisionFigures(added, at('08:30')).counters[0].lateOpeningMinutes).toBe(0);
    // Not opened: overdue only after its own start plus the grace, counted from then.
    const idle = state({ counters: [counter('c7', 7)] });
    idle.staffing[0].scheduledSince = at('08:08');
    expect(kinds(idle, at('08:12'))).toEqual([]);
    expect(supervisionFigures(idle, at('08:20')).counters[0].notOpenedMinutes).toBe(12);
    const [alert] = detectAlerts(idle, supervisionFigures(idle, at('08:20')), at('08:20'));
    expect(alert).toMatchObject({ kind: 'late_opening', since: at('08:08') });
    // Added after the day's hours: nothing is expected of it today.
    const evening = state({ counters: [counter('c7', 7)] });
    evening.staffing[0].scheduledSince = at('15:30');
    expect(supervisionFigures(evening, at('16:00')).counters[0].scheduled).toBeNull();
  });

  it('raises a counter idle while someone it serves waits, after three minutes', () => {
    const s = state({
      waiting: [ticket('1', '09:00')],
      counters: [counter('c1', 1, { state: 'open' })],
      counterEvents: [{ counterId: 'c1', type: 'opened', at: at('08:00') }],
      ticketEvents: [ev('1', 'issued', '09:00')],
    });
    expect(kinds(s, at('09:02'))).toEqual([]);
    const [alert] = detectAlerts(s, supervisionFigures(s, at('09:03')), at('09:03'));
    expect(alert).toMatchObject({ kind: 'idle_while_waiting', key: `idle_while_waiting:c1:${at('09:00')}`, details: { idleMinutes: 3 } });
  });

  it('raises a service far over its standard: the last five services average above 1.5 × the standard', () => {
    const events: SupervisionTicketEvent[] = [];
    for (let i = 0; i < 3; i++) {
      const start = at('08:00') + i * 20 * 60_000;
      events.push(
        { ticketId: `t${i}`, type: 'issued', at: start, serviceId: 'a', counterId: null },
        { ticketId: `t${i}`, type: 'called', at: start, serviceId: 'a', counterId: 'c1' },
        { ticketId: `t${i}`, type: 'started', at: start, serviceId: 'a', counterId: 'c1' },
        { ticketId: `t${i}`, type: 'finished', at: start + 16 * 60_000, serviceId: 'a', counterId: 'c1' },
      );
    }
    const twoOnly = state({ counters: [], ticketEvents: events.slice(0, 8) });
    expect(kinds(twoOnly, at('10:00'))).toEqual([]);
    const three = state({ counters: [], ticketEvents: events });
    const [alert] = detectAlerts(three, supervisionFigures(three, at('10:00')), at('10:00'));
    expect(alert).toMatchObject({ kind: 'slow_service', key: 'slow_service:a:2026-11-30', details: { averageMinutes: 16, standardMinutes: 10, sample: 3 } });
  });
});

describe('alerts that end and alerts that go on', () => {
  it('ends the "not opened" alert once the counter opens, and the wait alert once the ticket is called', () => {
    const closed = state({ waiting: [ticket('1', '08:00')], counters: [counter('c1', 1)] });
    const raised = detectAlerts(closed, supervisionFigures(closed, at('08:31')), at('08:31'));
    expect(raised.map((a) => a.kind).sort()).toEqual(['late_opening', 'max_wait']);
    const open = raised.map((candidate) => ({ ...candidate, resolvedAt: null }));

    // 08:32: Loket 1 opened at 08:32, the ticket still waits.
    const opened = state({
      waiting: [ticket('1', '08:00')],
      counters: [counter('c1', 1, { state: 'open' })],
      counterEvents: [{ counterId: 'c1', type: 'opened', at: at('08:32') }],
    });
    const now = at('08:32');
    expect(endedAlerts(open, detectAlerts(opened, supervisionFigures(opened, now), now)).map((a) => a.kind)).toEqual(['late_opening']);

    // 08:33: the ticket was called.
    const called = state({ counters: [counter('c1', 1, { state: 'open' })], counterEvents: [{ counterId: 'c1', type: 'opened', at: at('08:32') }] });
    expect(
      endedAlerts(open, detectAlerts(called, supervisionFigures(called, at('08:33')), at('08:33')))
        .map((a) => a.kind)
        .sort(),
    ).toEqual(['late_opening', 'max_wait']);
    // An alert already resolved is not ended twice.
    expect(endedAlerts([{ ...open[0], resolvedAt: iso('08:32') }], [])).toEqual([]);
  });

  it('shows the figures as they stand now while an alert goes on, and as they stood when it ended', () => {
    const wait = { kind: 'max_wait' as const, since: iso('08:30'), details: { waitedMinutes: 30.1, limitMinutes: 30 }, resolvedAt: null };
    expect(alertFigures(wait, at('08:40'))).toEqual({ waitedMinutes: 40, limitMinutes: 30, lastedMinutes: null });
    expect(alertFigures({ ...wait, resolvedAt: iso('08:35') }, at('09:00'))).toEqual({ waitedMinutes: 35, limitMinutes: 30, lastedMinutes: 5 });
    const late = { kind: 'late_opening' as const, since: iso('08:00'), details: { lateMinutes: 6 }, resolvedAt: null };
    expect(alertFigures(late, at('08:12'))).toMatchObject({ lateMinutes: 12, lastedMinutes: null });
    expect(alertFigures({ ...late, resolvedAt: iso('08:08') }, at('09:00'))).toMatchObject({ lateMinutes: 8, lastedMinutes: 8 });
  });
});

describe('live events into the day’s records', () => {
  it('keeps the counter of a ticket returned to the queue, and asks for a snapshot when a counter opens', () => {
    const s = state({ counters: [counter('c1', 1, { state: 'open' })] });
    const view = ticket('1', '08:00');
    recordOfficeEvent(s, { seq: 2, at: iso('08:00'), kind: 'ticket', type: 'issued', ticket: view, call: null, fromServiceId: null });
    recordOfficeEvent(s, {
      seq: 3,
      at: iso('08:05'),
      kind: 'ticket',
      type: 'called',
      ticket: { ...view, status: 'called', counterId: 'c1' },
      call: null,
      fromServiceId: null,
    });
    recordOfficeEvent(s, { seq: 4, at: iso('08:07'), kind: 'ticket', type: 'returned', ticket: view, call: null, fromServiceId: null });

    expect(s.ticketEvents.map((e) => [e.type, e.counterId])).toEqual([
      ['issued', null],
      ['called', 'c1'],
      ['returned', 'c1'],
    ]);
    const opened = recordOfficeEvent(s, { seq: 5, at: iso('08:10'), kind: 'counter', type: 'opened', counter: counter('c2', 2, { state: 'open' }) });
    expect(opened).toBe(true);
    expect(s.counterEvents).toEqual([{ counterId: 'c2', type: 'opened', at: at('08:10'), reason: null }]);
  });
});

describe('chart figures', () => {
  it('groups waits by the office-local hour of the call, against the standard', () => {
    const hours = waitsByHour(
      [
        { calledAt: at('08:10'), minutes: 10, maxWaitMinutes: 30 },
        { calledAt: at('08:50'), minutes: 40, maxWaitMinutes: 30 },
        { calledAt: at('10:05'), minutes: 5, maxWaitMinutes: 60 },
      ],
      'Asia/Jakarta',
    );
    expect(hours).toEqual([
      { hour: 8, tickets: 2, averageWaitMinutes: 25, standardMinutes: 30, withinStandardShare: 0.5 },
      { hour: 10, tickets: 1, averageWaitMinutes: 5, standardMinutes: 60, withinStandardShare: 1 },
    ]);
  });

  it('buckets waits with the last bucket open-ended', () => {
    const buckets = waitDistribution([0, 4.9, 5, 59, 61, 200]);
    expect(buckets.map((b) => b.tickets)).toEqual([2, 1, 0, 0, 0, 0, 1, 2]);
    expect(buckets.at(-1)).toEqual({ fromMinutes: 60, toMinutes: null, tickets: 2 });
  });

  it('keeps self-checks and observations apart', () => {
    const result = complianceSideBySide([
      { method: 'self', answer: 'checked' },
      { method: 'one_key', answer: 'checked' },
      { method: 'observed', answer: 'not_checked' },
      { method: 'observed', answer: 'checked' },
      { method: 'observed', answer: 'not_applicable' },
    ]);
    expect(result.self).toEqual({ checked: 2, applicable: 2, ratio: 1 });
    expect(result.observed).toEqual({ checked: 1, applicable: 2, ratio: 0.5 });
  });
});
