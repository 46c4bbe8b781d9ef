import { busyIntervals, counterDayMeasures, idleWhileWaitingMinutes, localTimeToInstant, scheduledHours, waitingIntervals } from './counter-schedule.js';
import type { TicketEventRecord } from './measures.js';
import type { OpeningHours } from './views.js';

const JAKARTA = 'Asia/Jakarta';
const schedule: OpeningHours[] = [
  { weekday: 1, opens: '08:00', closes: '15:00' },
  { weekday: 5, opens: '08:00', closes: '11:30' },
];
// Monday 30 November 2026 in Jakarta (UTC+7).
const at = (hhmm: string) => Date.parse(`2026-11-30T${hhmm}:00+07:00`);

describe('schedule in the office zone', () => {
  it('turns a local wall-clock time into the right instant', () => {
    expect(localTimeToInstant('2026-11-30', '08:00', JAKARTA)).toBe(Date.parse('2026-11-30T01:00:00Z'));
    expect(localTimeToInstant('2026-11-30', '08:00', 'Asia/Jayapura')).toBe(Date.parse('2026-11-29T23:00:00Z'));
  });

  it('finds the hours of the local weekday, and none on an unscheduled day', () => {
    expect(scheduledHours(schedule, JAKARTA, at('10:00'))).toEqual({ from: at('08:00'), to: at('15:00') });
    // Tuesday is not in this schedule.
    expect(scheduledHours(schedule, JAKARTA, Date.parse('2026-12-01T03:00:00Z'))).toBeNull();
  });
});

describe('counter day measures', () => {
  it('counts a late opening only beyond the grace', () => {
    const withinGrace = counterDayMeasures([{ type: 'opened', at: at('08:05') }], schedule, JAKARTA, at('09:00'));
    const late = counterDayMeasures([{ type: 'opened', at: at('08:12') }], schedule, JAKARTA, at('09:00'));
    expect(withinGrace.lateOpeningMinutes).toBe(0);
    expect(late.lateOpeningMinutes).toBe(12);
    expect(counterDayMeasures([{ type: 'opened', at: at('08:03') }], schedule, JAKARTA, at('09:00'), { graceMinutes: 2 }).lateOpeningMinutes).toBe(3);
  });

  it('measures an early closing against the scheduled closing', () => {
    const day = counterDayMeasures(
      [
        { type: 'opened', at: at('08:00') },
        { type: 'closed', at: at('14:20') },
      ],
      schedule,
      JAKARTA,
      at('16:00'),
    );
    expect(day.earlyClosingMinutes).toBe(40);
    expect(day.open).toEqual([{ from: at('08:00'), to: at('14:20') }]);
  });

  it('weighs each pause against the break its reason allows, and a system outage never overruns', () => {
    const day = counterDayMeasures(
      [
        { type: 'opened', at: at('08:00') },
        { type: 'paused', at: at('12:00'), reason: 'ishoma' },
        { type: 'resumed', at: at('13:10') },
        { type: 'paused', at: at('13:30'), reason: 'system_down' },
        { type: 'resumed', at: at('14:30') },
        { type: 'paused', at: at('14:40'), reason: 'briefing' },
      ],
      schedule,
      JAKARTA,
      at('14:50'),
    );
    expect(day.pauses.map((p) => [p.reason, p.minutes, p.overrunMinutes])).toEqual([
      ['ishoma', 70, 10],
      ['system_down', 60, 0],
      ['briefing', 10, 0],
    ]);
    expect(day.pauses[2].to).toBeNull();
    expect(day.breakOverrunMinutes).toBe(10);
    expect(day.open).toHaveLength(3);
  });
});

describe('idle while waiting', () => {
  const ticket = (...events: [TicketEventRecord['type'], string, string?][]): TicketEventRecord[] =>
    events.map(([type, hhmm, serviceId]) => ({ type, at: at(hhmm), serviceId: serviceId ?? 'A' }));

  it('is open time with someone waiting and nobody at the counter', () => {
    // Open 08:00–09:00. A ticket waits 08:10–08:30 and is served 08:30–08:40;
    // another waits 08:35–08:50 while the counter is busy until 08:40.
    const first = ticket(['issued', '08:10'], ['called', '08:30'], ['started', '08:31'], ['finished', '08:40']);
    const second = ticket(['issued', '08:35'], ['called', '08:50']);
    const idle = idleWhileWaitingMinutes({
      open: [{ from: at('08:00'), to: at('09:00') }],
      busy: [...busyIntervals(first, at('09:00')), ...busyIntervals(second, at('09:00'))],
      waiting: [...waitingIntervals(first, ['A'], at('09:00')), ...waitingIntervals(second, ['A'], at('09:00'))],
    });
    // 08:10–08:30 (20) + 08:40–08:50 (10).
    expect(idle).toBe(30);
  });

  it('ignores tickets of services the counter does not serve and time while closed', () => {
    const other = ticket(['issued', '08:00', 'B'], ['called', '08:30', 'B']);
    const mine = ticket(['issued', '08:00'], ['called', '09:30']);
    const idle = idleWhileWaitingMinutes({
      open: [{ from: at('09:00'), to: at('10:00') }],
      busy: busyIntervals(mine, at('10:00')),
      waiting: [...waitingIntervals(other, ['A'], at('10:00')), ...waitingIntervals(mine, ['A'], at('10:00'))],
    });
    expect(idle).toBe(30);
  });

  it('follows a ticket transferred into and out of a served queue', () => {
    const events = ticket(
      ['issued', '08:00', 'B'],
      ['called', '08:05', 'B'],
      ['started', '08:06', 'B'],
      ['transferred', '08:10', 'A'],
      ['called', '08:25', 'A'],
    );
    expect(waitingIntervals(events, ['A'], at('09:00'))).toEqual([{ from: at('08:10'), to: at('08:25') }]);
    expect(waitingIntervals(events, ['B'], at('09:00'))).toEqual([{ from: at('08:00'), to: at('08:05') }]);
    expect(busyIntervals(events.slice(0, 4), at('09:00'))).toEqual([{ from: at('08:05'), to: at('08:10') }]);
  });
});
