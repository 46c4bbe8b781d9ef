import {
  type ReportSessionEvent,
  type ReportTicketEvent,
  buildOfficeReport,
  outcomeCounts,
  periodDays,
  presetPeriod,
  REPORT_MAX_DAYS,
  resolvePeriod,
  punctualityFacts,
  satisfactionFigures,
  ticketFacts,
  waitingFigures,
} from './reports.js';
import { RuleError } from './errors.js';
import { median, percentile } from './stats.js';
import type { OpeningHours } from './views.js';

const JAKARTA = 'Asia/Jakarta';
// Monday 30 November 2026 in Jakarta (UTC+7).
const at = (hhmm: string) => Date.parse(`2026-11-30T${hhmm}:00+07:00`);
const services = [
  { id: 'A', maxWaitMinutes: 30, serviceTimeMinutes: 10 },
  { id: 'B', maxWaitMinutes: 60, serviceTimeMinutes: 15 },
];
const schedule: OpeningHours[] = [{ weekday: 1, opens: '08:00', closes: '15:00' }];

function ev(
  ticketId: string,
  type: ReportTicketEvent['type'],
  hhmm: string,
  serviceId: string,
  counterId: string | null = null,
  staffId: string | null = null,
): ReportTicketEvent {
  return { ticketId, type, at: at(hhmm), serviceId, counterId, staffId };
}

describe('percentiles, stated once', () => {
  it('interpolates linearly between the closest ranks, like percentile_cont', () => {
    expect(percentile([4, 1, 3, 2], 0.9)).toBeCloseTo(3.7, 10);
    expect(percentile([10], 0.9)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('takes the mean of the middle two as the median of an even count', () => {
    expect(median([1, 9, 3, 5])).toBe(4);
    expect(median([7, 1, 3])).toBe(3);
  });

  it('refuses a percentile outside 0…1', () => {
    expect(() => percentile([1], 90)).toThrow(RangeError);
  });
});

describe('periods', () => {
  it('resolves a week from Monday to Sunday and a month to its last day', () => {
    expect(presetPeriod('day', '2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-11-30' });
    expect(presetPeriod('week', '2026-12-03')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(presetPeriod('week', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(presetPeriod('month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('month', '2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('counts both ends of a period', () => {
    expect(periodDays('2026-11-30', '2026-11-30')).toBe(1);
    expect(periodDays('2026-11-01', '2026-12-31')).toBe(61);
  });

  it('resolves a preset around today or the given date, and a custom from–to as it is', () => {
    expect(resolvePeriod({}, '2026-12-03')).toEqual({ preset: 'day', from: '2026-12-03', to: '2026-12-03' });
    expect(resolvePeriod({ preset: 'week' }, '2026-12-03')).toEqual({ preset: 'week', from: '2026-11-30', to: '2026-12-06' });
    expect(resolvePeriod({ preset: 'month', date: '2026-11-15' }, '2026-12-03')).toEqual({ preset: 'month', from: '2026-11-01', to: '2026-11-30' });
    expect(resolvePeriod({ from: '2026-11-02', to: '2026-11-04' }, '2026-12-03')).toEqual({ preset: 'custom', from: '2026-11-02', to: '2026-11-04' });
    expect(resolvePeriod({ preset: 'custom', from: '2026-09-01', to: '2026-12-01' }, '2026-12-03')).toMatchObject({ from: '2026-09-01', to: '2026-12-01' });
    expect(resolvePeriod({ preset: 'month', date: '2099-12-31' }, '2026-12-03')).toMatchObject({ from: '2099-12-01', to: '2099-12-31' });
    expect(resolvePeriod({ from: '2000-01-01', to: '2000-01-31' }, '2026-12-03')).toMatchObject({ from: '2000-01-01', to: '2000-01-31' });
  });

  const refusal = (query: Parameters<typeof resolvePeriod>[0]) => {
    try {
      resolvePeriod(query, '2026-12-03');
    } catch (error) {
      return error;
    }
    throw new Error(`resolvePeriod accepted ${JSON.stringify(query)}`);
  };

  it.each([
    ['a preset beside from and to', { preset: 'week' as const, from: '2026-11-01', to: '2026-11-02' }, 'leave out preset=week'],
    ['a date beside a custom period', { date: '2026-11-01', from: '2026-11-01', to: '2026-11-02' }, 'date is for a preset'],
    ['half a custom period', { from: '2026-11-01' }, 'needs both from and to'],
    ['custom without days', { preset: 'custom' as const }, 'needs both from and to'],
    ['a date that does not exist', { date: '2026-02-30' }, 'date 2026-02-30 is not a calendar day'],
    ['a from that does not exist', { from: '2026-11-31', to: '2026-12-01' }, 'from 2026-11-31 is not a calendar day'],
    ['a to that does not exist', { from: '2026-11-01', to: '2026-13-01' }, 'to 2026-13-01 is not a calendar day'],
    ['from after to', { from: '2026-11-05', to: '2026-11-04' }, 'from (2026-11-05) must not be after to (2026-11-04)'],
    ['more than REPORT_MAX_DAYS days', { from: '2026-09-01', to: '2026-12-02' }, `at most ${REPORT_MAX_DAYS} days; 2026-09-01 to 2026-12-02 is 93`],
    [
      'a far-future custom period',
      { from: '9999-12-30', to: '9999-12-31' },
      'from 9999-12-30 is outside the days a report covers: between 2000-01-01 and 2099-12-31',
    ],
    ['a far-future date', { date: '9999-12-31' }, 'date 9999-12-31 is outside the days a report covers'],
    ['a period reaching into the far future', { from: '2026-11-30', to: '9999-12-31' }, 'to 9999-12-31 is outside the days a report covers'],
    ['a day before the range', { from: '1999-12-31', to: '2000-01-01' }, 'from 1999-12-31 is outside the days a report covers'],
    ['a year 0', { date: '0000-03-01' }, 'date 0000-03-01 is outside the days a report covers'],
    ['a week reaching past the range', { preset: 'week' as const, date: '2099-12-31' }, 'to 2100-01-03 is outside the days a report covers'],
  ])('refuses %s as an invalid period', (_, query, message) => {
    const error = refusal(query);
    expect(error).toBeInstanceOf(RuleError);
    expect(error).toMatchObject({ code: 'invalid_period', kind: 'invalid' });
    expect((error as Error).message).toContain(message);
  });
});

describe('ticket facts', () => {
  const events = [
    // t1: waits 10 min in A, called by loket 1, served 12 min, finished.
    ev('t1', 'issued', '08:00', 'A'),
    ev('t1', 'called', '08:10', 'A', 'c1', 'o1'),
    ev('t1', 'started', '08:11', 'A', 'c1', 'o1'),
    ev('t1', 'finished', '08:23', 'A', 'c1', 'o1'),
    // t2: waits 40 min in A (over the 30-minute standard), transferred to B, waits 5 more, served there.
    ev('t2', 'issued', '08:00', 'A'),
    ev('t2', 'called', '08:40', 'A', 'c1', 'o1'),
    ev('t2', 'started', '08:41', 'A', 'c1', 'o1'),
    ev('t2', 'transferred', '08:45', 'B', 'c1', 'o1'),
    ev('t2', 'called', '08:50', 'B', 'c2', 'o2'),
    ev('t2', 'started', '08:50', 'B', 'c2', 'o2'),
    ev('t2', 'finished', '09:10', 'B', 'c2', 'o2'),
    // t3: no-show twice at loket 1 (reinstated in between); t4 cancelled while waiting.
    ev('t3', 'issued', '08:05', 'A'),
    ev('t3', 'called', '08:30', 'A', 'c1', 'o1'),
    ev('t3', 'no_show', '08:35', 'A', 'c1', 'o1'),
    ev('t3', 'reinstated', '08:36', 'A', 'c1', 'o1'),
    ev('t3', 'called', '08:37', 'A', 'c1', 'o1'),
    ev('t3', 'no_show', '08:40', 'A', 'c1', 'o1'),
    ev('t4', 'issued', '08:06', 'B'),
    ev('t4', 'cancelled', '08:07', 'B'),
  ];
  const facts = ticketFacts(events, services, 10);

  it('counts a transfer for the service it left and a repeated no-show once', () => {
    expect(outcomeCounts(facts.outcomes)).toEqual({ issued: 4, served: 2, noShows: 1, cancelled: 1, transferred: 1, closedEndOfDay: 0 });
    expect(outcomeCounts(facts.outcomes.filter((f) => f.serviceId === 'A'))).toEqual({
      issued: 3,
      served: 1,
      noShows: 1,
      cancelled: 0,
      transferred: 1,
      closedEndOfDay: 0,
    });
    expect(outcomeCounts(facts.outcomes.filter((f) => f.counterId === 'c2'))).toEqual({
      issued: 0,
      served: 1,
      noShows: 0,
      cancelled: 0,
      transferred: 0,
      closedEndOfDay: 0,
    });
  });

  it('does not count a no-show the officer undid', () => {
    const undone = [
      ev('u1', 'issued', '09:00', 'A'),
      ev('u1', 'called', '09:05', 'A', 'c1', 'o1'),
      ev('u1', 'no_show', '09:08', 'A', 'c1', 'o1'),
      ev('u1', 'no_show_undone', '09:08', 'A', 'c1', 'o1'),
      ev('u1', 'started', '09:09', 'A', 'c1', 'o1'),
      ev('u1', 'finished', '09:15', 'A', 'c1', 'o1'),
      // Undone once, then a no-show for good.
      ev('u2', 'issued', '09:00', 'A'),
      ev('u2', 'called', '09:05', 'A', 'c1', 'o1'),
      ev('u2', 'no_show', '09:08', 'A', 'c1', 'o1'),
      ev('u2', 'no_show_undone', '09:08', 'A', 'c1', 'o1'),
      ev('u2', 'no_show', '09:12', 'A', 'c1', 'o1'),
    ];
    expect(outcomeCounts(ticketFacts(undone, services, 10).outcomes)).toEqual({
      issued: 2,
      served: 1,
      noShows: 1,
      cancelled: 0,
      transferred: 0,
      closedEndOfDay: 0,
    });
  });

  it('counts a no-show only as the final outcome: a reinstated ticket then served is served, once', () => {
    const reinstated = [
      ev('r1', 'issued', '09:00', 'A'),
      ev('r1', 'called', '09:05', 'A', 'c1', 'o1'),
      ev('r1', 'no_show', '09:08', 'A', 'c1', 'o1'),
      ev('r1', 'reinstated', '09:20', 'A', 'c2', 'o2'),
      ev('r1', 'called', '09:20', 'A', 'c2', 'o2'),
      ev('r1', 'started', '09:21', 'A', 'c2', 'o2'),
      ev('r1', 'finished', '09:30', 'A', 'c2', 'o2'),
      // Reinstated, then a no-show again at another counter: one no-show, the last one's.
      ev('r2', 'issued', '09:00', 'A'),
      ev('r2', 'called', '09:05', 'A', 'c1', 'o1'),
      ev('r2', 'no_show', '09:08', 'A', 'c1', 'o1'),
      ev('r2', 'reinstated', '09:20', 'A', 'c2', 'o2'),
      ev('r2', 'called', '09:20', 'A', 'c2', 'o2'),
      ev('r2', 'no_show', '09:25', 'A', 'c2', 'o2'),
    ];
    const outcomes = ticketFacts(reinstated, services, 10).outcomes;
    expect(outcomeCounts(outcomes)).toEqual({ issued: 2, served: 1, noShows: 1, cancelled: 0, transferred: 0, closedEndOfDay: 0 });
    expect(outcomeCounts(outcomes.filter((f) => f.counterId === 'c1')).noShows).toBe(0);
    expect(outcomeCounts(outcomes.filter((f) => f.counterId === 'c2'))).toMatchObject({ served: 1, noShows: 1 });
  });

  it('measures one wait per queue stay, for the counter that called it', () => {
    expect(facts.waits.map((w) => [w.serviceId, w.counterId, w.minutes])).toEqual([
      ['A', 'c1', 10],
      ['A', 'c1', 40],
      ['B', 'c2', 5],
      ['A', 'c1', 25],
    ]);
    const a = waitingFigures(facts.waits.filter((w) => w.serviceId === 'A'));
    expect(a).toEqual({ measured: 3, averageMinutes: 25, medianMinutes: 25, p90Minutes: 37, withinStandard: 2, shareWithinStandard: 2 / 3 });
  });

  it('holds a priority ticket to the priority maximum wait, not its service’s', () => {
    // B-001 (lanjut usia) waits 11.3 minutes: within service B's 60, past the 10-minute priority maximum.
    const priority = [
      { ...ev('p1', 'issued', '09:00', 'B'), priority: true },
      { ...ev('p1', 'called', '09:11', 'B', 'c2', 'o2'), at: at('09:11') + 18_000, priority: true },
      { ...ev('r1', 'issued', '09:00', 'B'), priority: false },
      { ...ev('r1', 'called', '09:12', 'B', 'c2', 'o2'), priority: false },
    ];
    const waits = ticketFacts(priority, services, 10).waits;
    expect(waits.map((w) => w.maxWaitMinutes)).toEqual([10, 60]);
    expect(waitingFigures(waits)).toMatchObject({ measured: 2, withinStandard: 1, shareWithinStandard: 0.5 });
  });

  it('measures service time from the last start to the finish, for whoever finished', () => {
    expect(facts.serviceTimes).toEqual([
      { serviceId: 'A', counterId: 'c1', staffId: 'o1', minutes: 12, standardMinutes: 10 },
      { serviceId: 'B', counterId: 'c2', staffId: 'o2', minutes: 20, standardMinutes: 15 },
    ]);
  });
});

describe('punctuality facts', () => {
  const session = (sessionId: string, staffId: string, type: ReportSessionEvent['type'], hhmm: string, reason?: string): ReportSessionEvent => ({
    sessionId,
    counterId: 'c1',
    staffId,
    type,
    at: at(hhmm),
    reason,
  });
  const counters = [{ id: 'c1', serviceIds: ['A'], schedule }];

  it('gives the late opening to who opened, breaks to whose session, and a hand-over is no early closing', () => {
    const sessionEvents = [
      session('s1', 'o1', 'opened', '08:12'),
      session('s1', 'o1', 'paused', '10:00', 'briefing'),
      session('s1', 'o1', 'resumed', '10:25'),
      session('s1', 'o1', 'closed', '12:00'),
      session('s2', 'o2', 'opened', '12:00'),
      session('s2', 'o2', 'closed', '14:30'),
    ];
    const facts = punctualityFacts({ counters, sessionEvents, ticketEvents: [], timeZone: JAKARTA, now: at('16:00') });
    expect(facts).toEqual([
      expect.objectContaining({
        staffId: 'o1',
        day: '2026-11-30',
        lateOpenings: 1,
        lateOpeningMinutes: 12,
        earlyClosings: 0,
        breakOverruns: 1,
        breakOverrunMinutes: 10,
      }),
      expect.objectContaining({ staffId: 'o2', day: '2026-11-30', lateOpenings: 0, earlyClosings: 1, earlyClosingMinutes: 30, breakOverruns: 0 }),
    ]);
  });

  it('measures a counter from when it got its first schedule, not from the day’s schedule before it existed', () => {
    // Added at 08:08 with the 08:00–15:00 schedule: opened at 08:10 is on time, at 08:20 twelve minutes late.
    const added = [{ id: 'c1', serviceIds: ['A'], schedule, scheduledSince: at('08:08') }];
    const onTime = punctualityFacts({
      counters: added,
      sessionEvents: [session('s1', 'o1', 'opened', '08:10')],
      ticketEvents: [],
      timeZone: JAKARTA,
      now: at('09:00'),
    });
    expect(onTime).toEqual([expect.objectContaining({ lateOpenings: 0, lateOpeningMinutes: 0 })]);
    const late = punctualityFacts({
      counters: added,
      sessionEvents: [session('s1', 'o1', 'opened', '08:20')],
      ticketEvents: [],
      timeZone: JAKARTA,
      now: at('09:00'),
    });
    expect(late).toEqual([
      expect.objectContaining({ lateOpenings: 1, lateOpeningMinutes: 12, lateOpening: { scheduledAt: at('08:08'), openedAt: at('08:20') } }),
    ]);
    // The next day the whole schedule counts.
    const tuesday = Date.parse('2026-12-01T08:10:00+07:00');
    const nextDay = punctualityFacts({
      counters: [{ ...added[0], schedule: [...schedule, { weekday: 2, opens: '08:00', closes: '15:00' }] }],
      sessionEvents: [{ ...session('s2', 'o1', 'opened', '08:10'), at: tuesday }],
      ticketEvents: [],
      timeZone: JAKARTA,
      now: tuesday + 3_600_000,
    });
    expect(nextDay).toEqual([expect.objectContaining({ day: '2026-12-01', lateOpenings: 1, lateOpeningMinutes: 10 })]);
  });

  it('counts idle minutes while a ticket the counter serves waits', () => {
    const sessionEvents = [session('s1', 'o1', 'opened', '08:00'), session('s1', 'o1', 'closed', '15:00')];
    const ticketEvents = [
      ev('t1', 'issued', '09:00', 'A'),
      ev('t1', 'called', '09:20', 'A', 'c1', 'o1'),
      ev('t1', 'finished', '09:30', 'A', 'c1', 'o1'),
      ev('t2', 'issued', '09:00', 'B'),
    ];
    const [fact] = punctualityFacts({ counters, sessionEvents, ticketEvents, timeZone: JAKARTA, now: at('16:00') });
    expect(fact.idleWhileWaitingMinutes).toBe(20);
  });
});

describe('satisfaction figures', () => {
  it('compares the responses with the Krejcie–Morgan sample for the people served', () => {
    const all4 = { u1: 4, u2: 4, u3: 4, u4: 4, u5: 4, u6: 4, u7: 4, u8: 4, u9: 4 } as const;
    const figures = satisfactionFigures([all4, all4], 100);
    expect(figures).toMatchObject({ responses: 2, served: 100, sampleSize: 80, sampleReached: false, ikm: 100, grade: 'A' });
    expect(satisfactionFigures([], 0)).toMatchObject({ sampleSize: 0, sampleReached: false, ikm: null, grade: null });
  });
});

describe('the whole report', () => {
  it('has a row per service, counter and officer, and no punctuality for a service', () => {
    const report = buildOfficeReport({
      timeZone: JAKARTA,
      priorityMaxWaitMinutes: 10,
      now: at('16:00'),
      services,
      counters: [{ id: 'c1', serviceIds: ['A'], schedule }],
      ticketEvents: [
        ev('t1', 'issued', '08:00', 'A'),
        ev('t1', 'called', '08:10', 'A', 'c1', 'o1'),
        ev('t1', 'started', '08:11', 'A', 'c1', 'o1'),
        ev('t1', 'finished', '08:20', 'A', 'c1', 'o1'),
      ],
      sessionEvents: [{ sessionId: 's1', counterId: 'c1', staffId: 'o1', type: 'opened', at: at('08:00') }],
      answers: [
        { kind: 'shift_start', method: 'self', answer: 'checked', serviceId: null, counterId: 'c1', staffId: 'o1' },
        { kind: 'interaction', method: 'observed', answer: 'not_checked', serviceId: 'A', counterId: 'c1', staffId: 'o1' },
        { kind: 'interaction', method: 'observed', answer: 'checked', serviceId: 'A', counterId: 'c1', staffId: 'o1' },
      ],
      surveys: [],
    });
    expect(Object.keys(report.tables.services)).toEqual(['A']);
    expect(Object.keys(report.tables.counters)).toEqual(['c1']);
    expect(Object.keys(report.tables.officers)).toEqual(['o1']);
    expect(report.tables.services.A.punctuality).toBeNull();
    expect(report.tables.counters.c1.punctuality).toMatchObject({ counterDays: 1, lateOpenings: 0 });
    expect(report.tables.officers.o1.etiquette.observed).toEqual({ checked: 1, applicable: 2, ratio: 0.5 });
    expect(report.tables.services.A.etiquette.interactions.applicable).toBe(0);
    expect(report.tables.officers.o1.etiquette.shiftStart).toEqual({ checked: 1, applicable: 1, ratio: 1 });
    expect(report.total.serviceTime).toEqual({ measured: 1, averageMinutes: 9, standardMinutes: 10, shareWithinStandard: 1 });
  });
});
