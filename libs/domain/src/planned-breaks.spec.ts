import { type QueueEntry, dueTime } from './call-order.js';
import { assertBreaksFit, breakProblems } from './admin.js';
import { counterDayMeasures, idleWhileWaitingMinutes, plannedBreaks } from './counter-schedule.js';
import { DomainError } from './errors.js';
import type { CounterScheduleDay } from './views.js';
import { type ForecastCounter, expectedBackAt, forecastWaits } from './wait-estimate.js';

const JAKARTA = 'Asia/Jakarta';
// Monday 30 November and Friday 4 December 2026 in Jakarta (UTC+7).
const mon = (hhmm: string) => Date.parse(`2026-11-30T${hhmm}:00+07:00`);
const fri = (hhmm: string) => Date.parse(`2026-12-04T${hhmm}:00+07:00`);
const schedule: CounterScheduleDay[] = [
  { weekday: 1, opens: '08:00', closes: '15:00', breaks: [{ from: '12:00', to: '13:00' }] },
  { weekday: 5, opens: '08:00', closes: '15:00', breaks: [{ from: '11:30', to: '13:00' }] },
];

function refusal(run: () => void): { code: string; details: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('not refused');
}

describe('planned breaks in a counter schedule', () => {
  it('places each day its own breaks, the Friday prayer longer', () => {
    expect(plannedBreaks(schedule, JAKARTA, mon('09:00'))).toEqual([{ from: mon('12:00'), to: mon('13:00') }]);
    expect(plannedBreaks(schedule, JAKARTA, fri('09:00'))).toEqual([{ from: fri('11:30'), to: fri('13:00') }]);
    // Tuesday is not scheduled; a break ended before the counter got its schedule is none.
    expect(plannedBreaks(schedule, JAKARTA, mon('09:00') + 86_400_000)).toEqual([]);
    expect(plannedBreaks(schedule, JAKARTA, mon('14:00'), mon('13:30'))).toEqual([]);
  });

  it('accepts breaks within the hours that do not overlap', () => {
    expect(() => assertBreaksFit(schedule)).not.toThrow();
    expect(() =>
      assertBreaksFit([
        {
          weekday: 1,
          opens: '08:00',
          closes: '15:00',
          breaks: [
            { from: '09:30', to: '09:45' },
            { from: '12:00', to: '13:00' },
          ],
        },
      ]),
    ).not.toThrow();
  });

  it('refuses a break outside the hours with its own code, naming the break', () => {
    const outside = refusal(() => assertBreaksFit([{ weekday: 5, opens: '08:00', closes: '11:30', breaks: [{ from: '11:30', to: '13:00' }] }]));
    expect(outside.code).toBe('break_outside_hours');
    expect(outside.details).toEqual([{ field: 'schedule.0.breaks.0', problems: [expect.stringContaining('outside')] }]);
    expect(refusal(() => assertBreaksFit([{ weekday: 1, opens: '08:00', closes: '15:00', breaks: [{ from: '07:30', to: '08:30' }] }])).code).toBe(
      'break_outside_hours',
    );
  });

  it('refuses breaks that overlap or touch, and a break that ends before it starts', () => {
    const day = (breaks: CounterScheduleDay['breaks']): CounterScheduleDay[] => [{ weekday: 1, opens: '08:00', closes: '15:00', breaks }];
    const overlap = refusal(() =>
      assertBreaksFit(
        day([
          { from: '12:00', to: '13:00' },
          { from: '12:30', to: '13:30' },
        ]),
      ),
    );
    expect(overlap.code).toBe('breaks_overlap');
    expect(overlap.details).toEqual([{ field: 'schedule.0.breaks.1', problems: ['12:30–13:30 overlaps 12:00–13:00'] }]);
    expect(
      refusal(() =>
        assertBreaksFit(
          day([
            { from: '13:00', to: '13:15' },
            { from: '12:00', to: '13:00' },
          ]),
        ),
      ).code,
    ).toBe('breaks_overlap');
    expect(refusal(() => assertBreaksFit(day([{ from: '13:00', to: '12:00' }]))).code).toBe('validation_failed');
    expect(breakProblems(day([{ from: '25:00', to: '12:00' }])).malformed).toEqual([{ field: 'schedule.0.breaks.0.from', problems: [expect.any(String)] }]);
  });
});

describe('planned breaks in the punctuality measures', () => {
  it('does not count an ishoma taken in its planned window as an overrun, and allows the Friday prayer its 90 minutes', () => {
    const monday = counterDayMeasures(
      [
        { type: 'opened', at: mon('08:00') },
        { type: 'paused', at: mon('12:00'), reason: 'ishoma' },
        { type: 'resumed', at: mon('13:00') },
      ],
      schedule,
      JAKARTA,
      mon('14:00'),
    );
    expect(monday.pauses).toEqual([expect.objectContaining({ planned: true, minutes: 60, allowedMinutes: 60, overrunMinutes: 0 })]);
    const friday = counterDayMeasures(
      [
        { type: 'opened', at: fri('08:00') },
        { type: 'paused', at: fri('11:30'), reason: 'ishoma' },
        { type: 'resumed', at: fri('13:00') },
      ],
      schedule,
      JAKARTA,
      fri('14:00'),
    );
    // Without the planned break, an ishoma is allowed 60 minutes: this would be 30 over.
    expect(friday.breakOverrunMinutes).toBe(0);
    expect(friday.pauses[0]).toMatchObject({ planned: true, allowedMinutes: 90 });
  });

  it('measures the overrun of a planned break, a break split in two sharing its length once', () => {
    const day = counterDayMeasures(
      [
        { type: 'opened', at: mon('08:00') },
        { type: 'paused', at: mon('12:05'), reason: 'ishoma' },
        { type: 'resumed', at: mon('12:45') },
        { type: 'paused', at: mon('12:50'), reason: 'other' },
        { type: 'resumed', at: mon('13:20') },
      ],
      schedule,
      JAKARTA,
      mon('14:00'),
    );
    expect(day.pauses.map((pause) => [pause.allowedMinutes, pause.overrunMinutes])).toEqual([
      [60, 0],
      [20, 10],
    ]);
    expect(day.breakOverrunMinutes).toBe(10);
  });

  it('never holds a system fault during a planned break as an overrun, nor a pause outside it to the break', () => {
    const day = counterDayMeasures(
      [
        { type: 'opened', at: mon('08:00') },
        { type: 'paused', at: mon('10:00'), reason: 'briefing' },
        { type: 'resumed', at: mon('10:30') },
        { type: 'paused', at: mon('12:00'), reason: 'system_down' },
        { type: 'resumed', at: mon('14:00') },
      ],
      schedule,
      JAKARTA,
      mon('14:30'),
    );
    expect(day.pauses.map((pause) => [pause.planned, pause.overrunMinutes])).toEqual([
      [false, 15],
      [false, 0],
    ]);
  });

  it('leaves the planned break out of a late opening and an early closing', () => {
    const afternoonOnly = counterDayMeasures([{ type: 'opened', at: mon('13:10') }], schedule, JAKARTA, mon('14:00'));
    // 08:00 to 13:10 is 310 minutes, 60 of them the planned break.
    expect(afternoonOnly.lateOpeningMinutes).toBe(250);
    const morningOnly = counterDayMeasures(
      [
        { type: 'opened', at: mon('08:00') },
        { type: 'closed', at: mon('11:50') },
      ],
      schedule,
      JAKARTA,
      mon('16:00'),
    );
    // 11:50 to 15:00 is 190 minutes, 60 of them the planned break.
    expect(morningOnly.earlyClosingMinutes).toBe(130);
  });

  it('does not count a counter left open over its planned break as idle while people wait', () => {
    const day = counterDayMeasures([{ type: 'opened', at: mon('11:00') }], schedule, JAKARTA, mon('14:00'));
    const waiting = [{ from: mon('11:30'), to: mon('13:30') }];
    expect(idleWhileWaitingMinutes({ open: day.open, busy: [], waiting })).toBe(120);
    expect(idleWhileWaitingMinutes({ open: day.open, busy: [], waiting, plannedBreaks: day.plannedBreaks })).toBe(60);
  });
});

describe('planned breaks in the forecast', () => {
  const now = mon('11:40');
  const min = (n: number) => now + n * 60_000;
  const entry = (id: string, issuedMinute: number): QueueEntry => ({
    id,
    serviceId: 'A',
    issuedAt: min(issuedMinute),
    dueAt: dueTime(min(issuedMinute), 60, null, 10),
    priority: null,
    issueOrder: issuedMinute + 100,
  });
  const open: ForecastCounter = { serviceIds: ['A'], priorityOnly: false, state: 'open', busyUntil: null };
  const base = { now, serviceMinutes: { A: 9 }, maxWaitMinutes: { A: 60 }, priorityMaxWaitMinutes: 10, walkUpMinutes: 1 };
  const waiting = [entry('a1', -5), entry('a2', -4), entry('a3', -3)];

  it('has a counter on its planned break call nobody until it ends', () => {
    const breaks = plannedBreaks(schedule, JAKARTA, now);
    const waits = forecastWaits({ ...base, counters: [{ ...open, plannedBreaks: breaks }], waiting });
    // a1 at 11:40, a2 at 11:50 (served past 12:00, to its end), then nobody until 13:00: a3 at 80 minutes.
    expect([waits.get('a1'), waits.get('a2'), waits.get('a3')]).toEqual([0, 10, 80]);
    expect(forecastWaits({ ...base, counters: [open], waiting }).get('a3')).toBe(20);
  });

  it('brings a counter paused for its planned break back when the break ends', () => {
    const paused = { state: 'paused' as const, pauseReason: 'ishoma' as const, pausedAt: fri('11:30'), openedToday: true, scheduled: null };
    const breaks = plannedBreaks(schedule, JAKARTA, fri('12:00'));
    expect(expectedBackAt({ ...paused, plannedBreaks: breaks }, fri('12:00'))).toBe(fri('13:00'));
    expect(expectedBackAt(paused, fri('12:00'))).toBe(fri('12:30'));
    expect(expectedBackAt({ ...paused, pauseReason: 'system_down', plannedBreaks: breaks }, fri('12:00'))).toBeNull();
  });
});
