import {
  type BookingSettings,
  type BookingState,
  DEFAULT_BOOKING_SETTINGS,
  assertCancellable,
  assertReschedulable,
  assertSlotBookable,
  bookedArrivals,
  bookingDayView,
  bookingOpensAt,
  bookingPhase,
  bookingSettingsProblems,
  changeCutoff,
  checkIn,
  dayCapacity,
  daySeats,
  daySlots,
  normaliseBookingReference,
  normalisePhone,
  slotCountersOn,
  slotSeats,
  suggestedSeatsPerSlot,
} from './booking.js';
import type { OfficeCalendar } from './calendar.js';
import { RuleError } from './errors.js';
import { MINUTE_MS } from './time.js';
import { type ForecastCounter, forecastWaits } from './wait-estimate.js';

const TZ = 'Asia/Jakarta';
const at = (iso: string) => new Date(iso).getTime();
const calendar = (over: Partial<OfficeCalendar> = {}): OfficeCalendar => ({
  timeZone: TZ,
  openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '12:00' })),
  ownDays: [],
  closures: [],
  nationalHoliday: () => null,
  ...over,
});
const settings = (over: Partial<BookingSettings> = {}): BookingSettings => ({ ...DEFAULT_BOOKING_SETTINGS, enabled: true, ...over });
const codeOf = (run: () => unknown): string | null => {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof RuleError) return error.code;
    throw error;
  }
};
// Wednesday 2026-12-09, 08:00 and 09:00 in Jakarta (UTC+7).
const WED_0800 = at('2026-12-09T01:00:00Z');
const WED_0900 = at('2026-12-09T02:00:00Z');
const booking = (over: Partial<BookingState> = {}): BookingState => ({
  status: 'booked',
  slotStartsAt: WED_0900,
  slotEndsAt: WED_0900 + 30 * MINUTE_MS,
  rescheduleCount: 0,
  ...over,
});

describe('booking settings', () => {
  it('accepts the defaults and names each field out of range', () => {
    expect(bookingSettingsProblems(DEFAULT_BOOKING_SETTINGS)).toEqual([]);
    const problems = bookingSettingsProblems(settings({ slotMinutes: 0, walkInSharePercent: 101, opensAt: '24:00', seatsPerSlot: 1.5 }));
    expect(problems.map((problem) => problem.field).sort()).toEqual(['opensAt', 'seatsPerSlot', 'slotMinutes', 'walkInSharePercent']);
  });
});

describe('the slots of a day', () => {
  it('cuts the open hours into whole slots', () => {
    const slots = daySlots(calendar(), '2026-12-09', { slotMinutes: 45 });
    // 08:00–12:00 holds five whole 45-minute slots; the last 15 minutes hold none.
    expect(slots).toHaveLength(5);
    expect(slots[0]).toEqual({ startsAt: WED_0800, endsAt: WED_0800 + 45 * MINUTE_MS });
    expect(slots[4].endsAt).toBeLessThanOrEqual(at('2026-12-09T05:00:00Z'));
  });

  it('gives a closed day no slots: a weekend, a holiday, an office without hours', () => {
    expect(daySlots(calendar(), '2026-12-12', settings())).toEqual([]);
    expect(daySlots(calendar({ ownDays: [{ day: '2026-12-09', kind: 'holiday', name: 'Hari jadi kota' }] }), '2026-12-09', settings())).toEqual([]);
    expect(daySlots(calendar({ openingHours: [] }), '2026-12-09', settings())).toEqual([]);
  });

  it('leaves out the slots a closure takes', () => {
    const closure = { from: WED_0900, to: WED_0900 + 60 * MINUTE_MS, reason: 'Listrik padam' };
    const starts = daySlots(calendar({ closures: [closure] }), '2026-12-09', settings()).map((slot) => slot.startsAt);
    expect(starts).toHaveLength(6);
    expect(starts).not.toContain(WED_0900);
    expect(starts).not.toContain(WED_0900 + 30 * MINUTE_MS);
  });
});

describe('which slot may be booked', () => {
  const now = at('2026-12-03T10:00:00Z'); // Thursday, D-6 of Wednesday the 9th

  it('books a slot of an open day inside the horizon once its day has opened', () => {
    expect(assertSlotBookable(calendar(), settings(), WED_0900, now)).toEqual({ startsAt: WED_0900, endsAt: WED_0900 + 30 * MINUTE_MS });
  });

  it('refuses a day not yet open (D-7 at 00:00), beyond the horizon, or with booking off', () => {
    expect(bookingOpensAt('2026-12-09', settings(), TZ)).toBe(at('2026-12-01T17:00:00Z'));
    expect(codeOf(() => assertSlotBookable(calendar(), settings(), WED_0900, at('2026-12-01T16:59:00Z')))).toBe('booking_closed');
    expect(codeOf(() => assertSlotBookable(calendar(), settings({ horizonDays: 3 }), WED_0900, now))).toBe('booking_closed');
    expect(codeOf(() => assertSlotBookable(calendar(), settings({ enabled: false }), WED_0900, now))).toBe('booking_closed');
  });

  it('refuses a slot that has begun, a closed day and a time off the grid', () => {
    expect(codeOf(() => assertSlotBookable(calendar(), settings(), WED_0900, WED_0900))).toBe('booking_closed');
    expect(codeOf(() => assertSlotBookable(calendar(), settings(), at('2026-12-06T02:00:00Z'), now))).toBe('slot_unavailable');
    expect(codeOf(() => assertSlotBookable(calendar(), settings(), WED_0900 + 10 * MINUTE_MS, now))).toBe('slot_unavailable');
  });
});

describe('the day’s capacity', () => {
  it('keeps the walk-ins’ share of the daily quota, rounded in their favour', () => {
    expect(dayCapacity(8, settings({ seatsPerSlot: 4 }), null)).toBe(32);
    expect(dayCapacity(8, settings({ seatsPerSlot: 4, walkInSharePercent: 50 }), 41)).toBe(20);
    expect(dayCapacity(8, settings({ seatsPerSlot: 2, walkInSharePercent: 50 }), 100)).toBe(16);
    expect(dayCapacity(8, settings({ walkInSharePercent: 100 }), 100)).toBe(0);
  });

  it('shows a slot with no seat left when it is full, when the day is full, or when it has begun', () => {
    const day = (booked: [number, number][], total: number, now: number) =>
      bookingDayView(calendar(), settings({ seatsPerSlot: 2 }), 20, '2026-12-09', { total, bySlot: new Map(booked) }, now);
    const early = at('2026-12-08T00:00:00Z');
    expect(day([[WED_0900, 2]], 2, early).slots.find((slot) => slot.startsAt === new Date(WED_0900).toISOString())?.left).toBe(0);
    expect(day([[WED_0900, 1]], 1, early).slots.find((slot) => slot.startsAt === new Date(WED_0900).toISOString())?.left).toBe(1);
    expect(day([], 10, early)).toMatchObject({ left: 0, open: true });
    expect(day([], 10, early).slots.every((slot) => slot.left === 0)).toBe(true);
    expect(
      day([], 0, WED_0900)
        .slots.filter((slot) => slot.left > 0)
        .map((slot) => slot.startsAt)[0],
    ).toBe(new Date(WED_0900 + 30 * MINUTE_MS).toISOString());
  });
});

describe('the seats of a slot', () => {
  // The demo office: loket 1 serves A, loket 2 A and B, loket 3 B and C, loket 6 (khusus) every service.
  const counters = [{ serviceIds: ['A'] }, { serviceIds: ['A', 'B'] }, { serviceIds: ['B', 'C'] }, { serviceIds: ['A', 'B', 'C', 'D', 'PL'] }];

  it('suggests what the counters serving the service call in a slot, shared among their services, less the walk-ins’ share', () => {
    // A, 10 min a citizen, 30-min slots: 3 + 1.5 + 0.6 = 5.1 calls; half kept for walk-ins: 2.55, rounded down.
    expect(suggestedSeatsPerSlot('A', 10, counters, { slotMinutes: 30, walkInSharePercent: 50 })).toBe(2);
    expect(suggestedSeatsPerSlot('A', 10, counters, { slotMinutes: 30, walkInSharePercent: 0 })).toBe(5);
    expect(suggestedSeatsPerSlot('A', 10, counters, { slotMinutes: 60, walkInSharePercent: 50 })).toBe(5);
    // At least one seat where a counter serves the service (D: a fifth of loket 6 is 0.3 calls), none where no counter does.
    expect(suggestedSeatsPerSlot('D', 20, counters, { slotMinutes: 30, walkInSharePercent: 50 })).toBe(1);
    expect(suggestedSeatsPerSlot('E', 10, counters, { slotMinutes: 30, walkInSharePercent: 50 })).toBe(0);
  });

  // Wednesday 2026-12-09 in Jakarta: loket 1 breaks 12:00–13:00, loket 2 12:30–13:30, loket 6 keeps the office's hours (no schedule).
  const DAY = '2026-12-09';
  const weekdays = (breaks: { from: string; to: string }[]) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '15:00', breaks }));
  const office = calendar({ openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '15:00' })) });
  const schedules = [
    { serviceIds: ['A'], schedule: weekdays([{ from: '12:00', to: '13:00' }]) },
    { serviceIds: ['A', 'B'], schedule: weekdays([{ from: '12:30', to: '13:30' }]) },
    { serviceIds: ['A', 'B', 'C', 'D', 'PL'], schedule: [] },
  ];
  const slotAt = (time: string, minutes = 30) => {
    const startsAt = at(`${DAY}T${time}:00+07:00`);
    return { startsAt, endsAt: startsAt + minutes * MINUTE_MS };
  };

  it('gives a slot the seats as set when every counter serving the service is there', () => {
    const present = slotCountersOn(schedules, office, DAY);
    expect(slotSeats('A', 4, present, slotAt('09:00'))).toBe(4);
    expect(slotSeats('A', 4, present, slotAt('14:30'))).toBe(4);
  });

  it('gives a slot during planned breaks the share of the seats its counters are there for, rounded down', () => {
    const present = slotCountersOn(schedules, office, DAY);
    // A's full strength: 1 + 0.5 + 0.2 = 1.7. At 12:00 loket 1 is out: 0.7 of 1.7 → 4 × 0.41 = 1.6 → 1.
    expect(slotSeats('A', 4, present, slotAt('12:00'))).toBe(1);
    // 12:30–13:00 both out: only loket 6's fifth, 0.2 of 1.7 → 0.
    expect(slotSeats('A', 4, present, slotAt('12:30'))).toBe(0);
    // A 60-minute slot 12:00–13:00: loket 1 out all of it, loket 2 half of it: (0.25 + 0.2) ÷ 1.7 × 4 = 1.06 → 1.
    expect(slotSeats('A', 4, present, slotAt('12:00', 60))).toBe(1);
    // B is served by loket 2 (half) and loket 6 (a fifth): at 12:00 both are there.
    expect(slotSeats('B', 3, present, slotAt('12:00'))).toBe(3);
  });

  it('adds the slots’ own seats up into the day’s cap, and shows each slot its own seats', () => {
    const present = slotCountersOn(schedules, office, DAY);
    const seats = daySeats(office, settings({ seatsPerSlot: 4 }), null, DAY, 'A', present);
    // Fourteen slots: eleven of 4; 12:00 of 1 (loket 1 out: 0.7 of 1.7), 12:30 of 0, 13:00 of 2 (loket 2 out: 1.2 of 1.7).
    expect(seats.cap).toBe(11 * 4 + 1 + 0 + 2);
    expect(seats.total).toBe(seats.cap);
    const capped = daySeats(office, settings({ seatsPerSlot: 4, walkInSharePercent: 50 }), 60, DAY, 'A', present);
    expect(capped).toMatchObject({ cap: 30, total: 47 });
    const view = bookingDayView(office, settings({ seatsPerSlot: 4 }), null, DAY, { total: 0, bySlot: new Map() }, at('2026-12-08T00:00:00Z'), seats);
    expect(view.left).toBe(47);
    expect(view.slots.find((slot) => slot.startsAt === new Date(slotAt('12:30').startsAt).toISOString())).toMatchObject({ seats: 0, left: 0 });
    expect(view.slots.find((slot) => slot.startsAt === new Date(slotAt('09:00').startsAt).toISOString())).toMatchObject({ seats: 4, left: 4 });
  });

  it('takes a counter out only for its planned breaks, and leaves the seats as set where no counter serves the service', () => {
    // Loket 1 scheduled on Mondays only, still there on a Wednesday the office is open: its hours are not read, its breaks are.
    const mondaysOnly = [{ serviceIds: ['A'], schedule: [{ weekday: 1, opens: '08:00', closes: '11:00', breaks: [{ from: '09:00', to: '10:00' }] }] }];
    expect(slotSeats('A', 4, slotCountersOn(mondaysOnly, office, DAY), slotAt('09:00'))).toBe(4);
    expect(
      slotSeats('A', 4, slotCountersOn(mondaysOnly, office, '2026-12-07'), {
        startsAt: at('2026-12-07T10:00:00+07:00'),
        endsAt: at('2026-12-07T10:30:00+07:00'),
      }),
    ).toBe(4);
    expect(
      slotSeats('A', 4, slotCountersOn(mondaysOnly, office, '2026-12-07'), {
        startsAt: at('2026-12-07T09:00:00+07:00'),
        endsAt: at('2026-12-07T09:30:00+07:00'),
      }),
    ).toBe(0);
    expect(slotSeats('E', 4, slotCountersOn(schedules, office, DAY), slotAt('09:00'))).toBe(4);
  });
});

describe('rescheduling and cancelling', () => {
  it('allows changes until the end of the day before by default, or until the slot with 0', () => {
    expect(changeCutoff(WED_0900, settings(), TZ)).toBe(at('2026-12-08T17:00:00Z'));
    expect(changeCutoff(WED_0900, settings({ changeCutoffDays: 2 }), TZ)).toBe(at('2026-12-07T17:00:00Z'));
    expect(changeCutoff(WED_0900, settings({ changeCutoffDays: 0 }), TZ)).toBe(WED_0900);
    expect(codeOf(() => assertCancellable(booking(), settings(), TZ, at('2026-12-08T16:59:00Z')))).toBeNull();
    expect(codeOf(() => assertCancellable(booking(), settings(), TZ, at('2026-12-08T17:00:00Z')))).toBe('past_cutoff');
  });

  it('reschedules once only, never onto the same slot, never a booking no longer booked', () => {
    const now = at('2026-12-05T00:00:00Z');
    expect(codeOf(() => assertReschedulable(booking(), settings(), TZ, now, WED_0800))).toBeNull();
    expect(codeOf(() => assertReschedulable(booking({ rescheduleCount: 1 }), settings(), TZ, now, WED_0800))).toBe('reschedule_used');
    expect(codeOf(() => assertReschedulable(booking(), settings(), TZ, now, WED_0900))).toBe('validation_failed');
    expect(codeOf(() => assertReschedulable(booking({ status: 'cancelled' }), settings(), TZ, now, WED_0800))).toBe('booking_cancelled');
    expect(codeOf(() => assertReschedulable(booking({ status: 'checked_in' }), settings(), TZ, now, WED_0800))).toBe('already_checked_in');
  });

  it('calls a booking whose slot ended without a check-in a no-show', () => {
    expect(bookingPhase(booking(), WED_0900 + 29 * MINUTE_MS)).toBe('booked');
    expect(bookingPhase(booking(), WED_0900 + 30 * MINUTE_MS)).toBe('no_show');
    expect(bookingPhase(booking({ status: 'checked_in' }), WED_0900 + 60 * MINUTE_MS)).toBe('checked_in');
  });
});

describe('checking in', () => {
  const office = { officeId: 'o1', timeZone: TZ };
  const mine = (over: Partial<BookingState> = {}) => ({ ...booking(over), officeId: 'o1' });

  it('makes an early arrival due at the slot plus the grace, not sooner', () => {
    expect(checkIn(mine(), office, settings(), 60, WED_0900 - 50 * MINUTE_MS)).toEqual({ dueAt: WED_0900 + 10 * MINUTE_MS, late: false });
    expect(checkIn(mine(), office, settings(), 60, WED_0900 + 15 * MINUTE_MS)).toEqual({ dueAt: WED_0900 + 10 * MINUTE_MS, late: false });
  });

  it('makes an arrival past the tolerance a walk-in, due after the service’s maximum wait', () => {
    const now = WED_0900 + 16 * MINUTE_MS;
    expect(checkIn(mine(), office, settings(), 60, now)).toEqual({ dueAt: now + 60 * MINUTE_MS, late: true });
  });

  it('refuses another office, another day, and a second check-in', () => {
    expect(codeOf(() => checkIn(mine(), { ...office, officeId: 'o2' }, settings(), 60, WED_0900))).toBe('wrong_office');
    expect(codeOf(() => checkIn(mine(), office, settings(), 60, WED_0900 - 24 * 60 * MINUTE_MS))).toBe('wrong_day');
    expect(codeOf(() => checkIn(mine({ status: 'checked_in' }), office, settings(), 60, WED_0900))).toBe('already_checked_in');
    expect(codeOf(() => checkIn(mine({ status: 'cancelled' }), office, settings(), 60, WED_0900))).toBe('booking_cancelled');
  });
});

describe('today’s bookings as known arrivals in the wait forecast', () => {
  const pending = (id: string, slotStartsAt: number) => ({ id, serviceId: 'A', slotStartsAt, settings: { graceMinutes: 10, lateToleranceMinutes: 15 } });

  it('plays each booking in at its slot, due at the slot plus the grace, and drops one past its tolerance', () => {
    const now = WED_0800 + 70 * MINUTE_MS; // 09:10
    const arrivals = bookedArrivals([pending('later', WED_0900 + 60 * MINUTE_MS), pending('begun', WED_0900), pending('gone', WED_0800)], now);
    expect(arrivals).toEqual([
      { id: 'booking:begun', serviceId: 'A', issuedAt: now + 1, dueAt: WED_0900 + 10 * MINUTE_MS, priority: null },
      { id: 'booking:later', serviceId: 'A', issuedAt: WED_0900 + 60 * MINUTE_MS, dueAt: WED_0900 + 70 * MINUTE_MS, priority: null },
    ]);
  });

  it('makes a walk-in wait longer for booked citizens due before it, and not for those due after', () => {
    const now = WED_0800;
    const counter: ForecastCounter = { serviceIds: ['A'], priorityOnly: false, state: 'open', busyUntil: null };
    // Five walk-ins, due within the hour; a walk-in issued now is due at 09:00.
    const waiting = [1, 2, 3, 4, 5].map((n) => ({ id: `w${n}`, serviceId: 'A', issuedAt: now - n, dueAt: now + 60 * MINUTE_MS - n, priority: null }));
    const base = { now, counters: [counter], waiting, serviceMinutes: { A: 9 }, maxWaitMinutes: { A: 60 }, priorityMaxWaitMinutes: 10, walkUpMinutes: 1 };
    const without = forecastWaits(base).get('w1')!;
    // Three booked for 08:30 (due 08:40, before every walk-in), two for 11:00 (due long after).
    const booked = [pending('b1', WED_0800 + 30 * MINUTE_MS), pending('b2', WED_0800 + 30 * MINUTE_MS), pending('b3', WED_0800 + 30 * MINUTE_MS)];
    const withSoon = forecastWaits({ ...base, arrivals: bookedArrivals(booked, now) }).get('w1')!;
    const withLate = forecastWaits({ ...base, arrivals: bookedArrivals([pending('b4', WED_0800 + 180 * MINUTE_MS)], now) }).get('w1')!;
    // w1 is fifth in line: 40 minutes; the three booked are in by 08:30 and due first, so w1 waits 3 × 10 more.
    expect(without).toBe(40);
    expect(withSoon).toBe(70);
    expect(withLate).toBe(without);
  });
});

describe('what people type', () => {
  it('reads a reference however it is typed, and refuses what cannot be one', () => {
    expect(normaliseBookingReference('bk-7q4m')).toBe('BK-7Q4M');
    expect(normaliseBookingReference(' 7Q4M ')).toBe('BK-7Q4M');
    expect(normaliseBookingReference('BK 7Q 4M')).toBe('BK-7Q4M');
    expect(normaliseBookingReference('BK-7Q40')).toBeNull();
    expect(normaliseBookingReference('BK-7Q4MX')).toBeNull();
  });

  it('makes one Indonesian number of its spellings, and refuses malformed ones', () => {
    for (const spelling of ['081234567890', '+62 812-3456-7890', '6281234567890', '(0812) 3456 7890']) expect(normalisePhone(spelling)).toBe('6281234567890');
    for (const bad of ['12345', '0812abc4567', '+1 202 555 0100', '00812345678', '08123456789012345', '']) expect(normalisePhone(bad)).toBeNull();
  });
});
