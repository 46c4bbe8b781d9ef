import type { OfficeCalendar } from './calendar.js';
import { assertDayOver, assertEndOfDayCount, dayEndedAt, endOfDayDue, endOfDayView } from './end-of-day.js';
import { DomainError } from './errors.js';
import { outcomeCounts, outcomeFacts } from './reports.js';

const JAKARTA = 'Asia/Jakarta';
// Monday 30 November 2026 in Jakarta (UTC+7); Saturday 5 December.
const mon = (hhmm: string) => Date.parse(`2026-11-30T${hhmm}:00+07:00`);
const sat = (hhmm: string) => Date.parse(`2026-12-05T${hhmm}:00+07:00`);
const calendar: OfficeCalendar = {
  timeZone: JAKARTA,
  openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '15:00' })),
  ownDays: [],
  closures: [],
  nationalHoliday: () => null,
};

function codeOf(run: () => void): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('the end of the office day', () => {
  it('is over at closing time, not before, and all day on a day the office does not open', () => {
    expect(dayEndedAt(calendar, mon('14:59'))).toBeNull();
    expect(dayEndedAt(calendar, mon('15:00'))).toBe(mon('15:00'));
    expect(dayEndedAt(calendar, mon('18:00'))).toBe(mon('15:00'));
    expect(dayEndedAt(calendar, sat('10:00'))).toBe(sat('00:00'));
    // Closed early for the rest of the day: over from the closure on; closed for an hour only: not over.
    const early = { ...calendar, closures: [{ from: mon('13:00'), to: mon('23:59'), reason: 'Gangguan jaringan' }] };
    expect(dayEndedAt(early, mon('13:30'))).toBe(mon('13:00'));
    const hour = { ...calendar, closures: [{ from: mon('10:00'), to: mon('11:00'), reason: 'Gangguan jaringan' }] };
    expect(dayEndedAt(hour, mon('10:30'))).toBeNull();
  });

  it('lets the supervisor close what waits only once the day is over, for the number they saw', () => {
    expect(codeOf(() => assertDayOver(calendar, mon('14:00')))).toBe('day_not_over');
    expect(codeOf(() => assertDayOver(calendar, mon('15:00')))).toBeNull();
    expect(codeOf(() => assertEndOfDayCount(3, 4))).toBe('end_of_day_count_changed');
    expect(codeOf(() => assertEndOfDayCount(4, 4))).toBeNull();
    expect(endOfDayView(calendar, mon('14:00'), 4)).toEqual({ waiting: 4, dayEndedAt: null, automaticAt: null, canClose: false });
    expect(endOfDayView(calendar, mon('15:10'), 4)).toEqual({
      waiting: 4,
      dayEndedAt: new Date(mon('15:00')).toISOString(),
      automaticAt: new Date(mon('15:30')).toISOString(),
      canClose: true,
    });
    expect(endOfDayView(calendar, mon('15:10'), 0).canClose).toBe(false);
  });

  it('runs by itself at closing time plus the grace, and never for an office without hours', () => {
    expect(endOfDayDue(calendar, mon('15:29'))).toBe(false);
    expect(endOfDayDue(calendar, mon('15:30'))).toBe(true);
    expect(endOfDayDue(calendar, mon('15:10'), 10)).toBe(true);
    expect(endOfDayDue({ ...calendar, openingHours: [] }, mon('23:00'))).toBe(false);
  });

  it('counts a ticket closed at the end of the day in the reports, for its service', () => {
    const event = (type: 'issued' | 'closed_end_of_day', at: number) => ({ ticketId: 't1', type, at, serviceId: 'A', counterId: null, staffId: null });
    const counts = outcomeCounts(outcomeFacts([event('issued', mon('14:00')), event('closed_end_of_day', mon('15:30'))]));
    expect(counts).toMatchObject({ issued: 1, closedEndOfDay: 1, cancelled: 0 });
  });
});
