import {
  BOOKED_PUNCTUALITY_MINUTES,
  type BookingRecord,
  bookingFigures,
  bookingOutcome,
  bookingReport,
  calledWithinSlot,
  supervisionBookings,
} from './booking-figures.js';
import { MINUTE_MS } from './time.js';

// Wednesday 2026-12-09, 09:00 in Jakarta (UTC+7): a 30-minute slot.
const SLOT = new Date('2026-12-09T02:00:00Z').getTime();
const min = (minutes: number) => SLOT + minutes * MINUTE_MS;
const record = (over: Partial<BookingRecord> = {}): BookingRecord => ({
  serviceId: 'A',
  slotStartsAt: SLOT,
  slotEndsAt: min(30),
  status: 'booked',
  late: false,
  calledAt: null,
  leftAt: null,
  ...over,
});

describe('what became of a booking', () => {
  it('is expected until its slot ends, then a no-show; checked in in time or late; cancelled', () => {
    expect(bookingOutcome(record(), min(29))).toBe('expected');
    expect(bookingOutcome(record(), min(30))).toBe('no_show');
    expect(bookingOutcome(record({ status: 'checked_in' }), min(60))).toBe('checked_in');
    expect(bookingOutcome(record({ status: 'checked_in', late: true }), min(60))).toBe('late');
    expect(bookingOutcome(record({ status: 'cancelled' }), min(60))).toBe('cancelled');
  });
});

describe('called within N minutes of the slot', () => {
  it('is 10 minutes, as the issue says', () => {
    expect(BOOKED_PUNCTUALITY_MINUTES).toBe(10);
  });

  it('counts a call up to the slot plus N as in time, and one after it as not', () => {
    const checkedIn = record({ status: 'checked_in' });
    expect(calledWithinSlot({ ...checkedIn, calledAt: min(-5) }, min(60))).toBe(true);
    expect(calledWithinSlot({ ...checkedIn, calledAt: min(10) }, min(60))).toBe(true);
    expect(calledWithinSlot({ ...checkedIn, calledAt: min(10) + 1 }, min(60))).toBe(false);
  });

  it('does not count a citizen still waiting before the deadline, and counts one past it as missed', () => {
    const waiting = record({ status: 'checked_in' });
    expect(calledWithinSlot(waiting, min(10))).toBeNull();
    expect(calledWithinSlot(waiting, min(10) + 1)).toBe(false);
  });

  it('leaves out late arrivals (walk-ins), no-shows, cancellations, and a ticket that left before the deadline', () => {
    expect(calledWithinSlot(record({ status: 'checked_in', late: true, calledAt: min(20) }), min(60))).toBeNull();
    expect(calledWithinSlot(record(), min(60))).toBeNull();
    expect(calledWithinSlot(record({ status: 'cancelled' }), min(60))).toBeNull();
    expect(calledWithinSlot(record({ status: 'checked_in', leftAt: min(5) }), min(60))).toBeNull();
    expect(calledWithinSlot(record({ status: 'checked_in', leftAt: min(15) }), min(60))).toBe(false);
  });
});

describe('booking figures', () => {
  const bookings = [
    record({ status: 'checked_in', calledAt: min(4) }),
    record({ status: 'checked_in', calledAt: min(25) }),
    record({ status: 'checked_in', late: true, calledAt: min(40) }),
    record(),
    record({ status: 'cancelled' }),
    record({ serviceId: 'B', slotStartsAt: min(30), slotEndsAt: min(60) }),
  ];

  it('counts booked without cancellations, the no-show share of the decided, and punctuality', () => {
    const figures = bookingFigures(bookings, min(45));
    expect(figures).toMatchObject({ booked: 5, expected: 1, checkedIn: 2, late: 1, noShows: 1, cancelled: 1, checkIns: 3 });
    expect(figures.noShowShare).toBeCloseTo(1 / 4);
    expect(figures.punctuality).toEqual({ measured: 2, within: 1, share: 0.5 });
    expect(bookingFigures([], min(45))).toMatchObject({ booked: 0, noShowShare: null, punctuality: { measured: 0, within: 0, share: null } });
  });

  it('lays today out per service and slot, a service taking bookings listed even without any', () => {
    const view = supervisionBookings({
      day: '2026-12-09',
      now: min(45),
      services: [
        { id: 'A', code: 'A', name: 'KTP' },
        { id: 'B', code: 'B', name: 'KK' },
        { id: 'C', code: 'C', name: 'Akta' },
      ],
      bookings,
    });
    expect(view.punctualityMinutes).toBe(10);
    expect(view.services.map((service) => [service.code, service.slots.map((slot) => [slot.startsAt, slot.booked, slot.expected])])).toEqual([
      ['A', [['2026-12-09T02:00:00.000Z', 4, 0]]],
      ['B', [['2026-12-09T02:30:00.000Z', 1, 1]]],
      ['C', []],
    ]);
    expect(view.total.booked).toBe(5);
  });

  it('reports a row per day and service, days in order and services in the office’s order', () => {
    const report = bookingReport(
      [
        { ...record({ serviceId: 'B' }), day: '2026-12-09' },
        { ...record({ status: 'checked_in', calledAt: min(2) }), day: '2026-12-09' },
        { ...record(), day: '2026-12-08' },
      ],
      [
        { id: 'A', code: 'A', name: 'KTP' },
        { id: 'B', code: 'B', name: 'KK' },
      ],
      min(60),
    );
    expect(report.rows.map((row) => [row.day, row.code, row.booked, row.noShows, row.punctuality.share])).toEqual([
      ['2026-12-08', 'A', 1, 1, null],
      ['2026-12-09', 'A', 1, 0, 1],
      ['2026-12-09', 'B', 1, 1, null],
    ]);
    expect(report.total).toMatchObject({ booked: 3, noShows: 2, checkIns: 1 });
  });
});
