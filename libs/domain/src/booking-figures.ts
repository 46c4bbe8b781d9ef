/**
 * What became of bookings (issue 17), for the supervisor's screen of today and the reports:
 * per slot, how many were booked, came in time, came too late (walk-ins by `checkIn`'s rule),
 * did not come (`bookingPhase`: the seat frees at slot end); and booked citizens' punctuality,
 * the share called within `BOOKED_PUNCTUALITY_MINUTES` of their slot's start. Defined once
 * here: the API reads the rows, the simulator plays the same rule. Pure: times are epoch ms.
 */
import { type BookingStatus, bookingPhase } from './booking.js';
import { MINUTE_MS } from './time.js';

/** A booked citizen is served in time when first called within this many minutes of the slot's start (the N). */
export const BOOKED_PUNCTUALITY_MINUTES = 10;

/** A booking as the figures need it: its slot, its state, and its ticket's first call. */
export interface BookingRecord {
  serviceId: string;
  slotStartsAt: number;
  slotEndsAt: number;
  status: BookingStatus;
  /** Checked in past the late tolerance: its ticket is a walk-in's (`checkIn`). */
  late: boolean;
  /** Its ticket's first call, null while not called. */
  calledAt: number | null;
  /** When its ticket ended without a call (cancelled by the citizen, closed at the end of the day), else null. */
  leftAt: number | null;
}

/** What became of a booking at `now`: still expected, checked in (in time, or late), a no-show, or cancelled. */
export type BookingOutcome = 'expected' | 'checked_in' | 'late' | 'no_show' | 'cancelled';

export function bookingOutcome(booking: Pick<BookingRecord, 'status' | 'late' | 'slotStartsAt' | 'slotEndsAt'>, now: number): BookingOutcome {
  if (booking.status === 'cancelled') return 'cancelled';
  if (booking.status === 'checked_in') return booking.late ? 'late' : 'checked_in';
  return bookingPhase({ ...booking, rescheduleCount: 0 }, now) === 'no_show' ? 'no_show' : 'expected';
}

/**
 * Whether a booked citizen was called within `minutes` of the slot's start: true, false, or
 * null when the booking does not count (yet). Only bookings checked in in time count: a late
 * one is a walk-in, held to the walk-in standard; a no-show or a cancellation was never in the
 * queue. A call before the slot (an early arrival at an idle counter) is in time. Not yet called
 * past the deadline is a miss already; a ticket that left the queue before the deadline counts
 * for nothing.
 */
export function calledWithinSlot(booking: BookingRecord, now: number, minutes = BOOKED_PUNCTUALITY_MINUTES): boolean | null {
  if (bookingOutcome(booking, now) !== 'checked_in') return null;
  const deadline = booking.slotStartsAt + minutes * MINUTE_MS;
  if (booking.calledAt !== null) return booking.calledAt <= deadline;
  if (booking.leftAt !== null && booking.leftAt <= deadline) return null;
  return now > deadline ? false : null;
}

/** Booked citizens' punctuality: of those measured (`calledWithinSlot` not null), how many were called in time. */
export interface BookedPunctuality {
  measured: number;
  within: number;
  /** within ÷ measured (0…1), null when nobody was measured. */
  share: number | null;
}

/** Counts of a group of bookings (a slot, a service's day, the office). Booked excludes cancellations: booked = expected + checkedIn + late + noShows. */
export interface BookingCounts {
  booked: number;
  expected: number;
  checkedIn: number;
  late: number;
  noShows: number;
  cancelled: number;
}

export interface BookingFigures extends BookingCounts {
  /** Check-ins, in time or late. */
  checkIns: number;
  /** noShows ÷ the bookings decided (checked in, late, or no-show), null when none is decided yet. */
  noShowShare: number | null;
  punctuality: BookedPunctuality;
}

export function bookingFigures(bookings: readonly BookingRecord[], now: number, minutes = BOOKED_PUNCTUALITY_MINUTES): BookingFigures {
  const counts: BookingCounts = { booked: 0, expected: 0, checkedIn: 0, late: 0, noShows: 0, cancelled: 0 };
  const key: Record<BookingOutcome, keyof BookingCounts> = {
    expected: 'expected',
    checked_in: 'checkedIn',
    late: 'late',
    no_show: 'noShows',
    cancelled: 'cancelled',
  };
  let measured = 0;
  let within = 0;
  for (const booking of bookings) {
    const outcome = bookingOutcome(booking, now);
    counts[key[outcome]] += 1;
    if (outcome !== 'cancelled') counts.booked += 1;
    const inTime = calledWithinSlot(booking, now, minutes);
    if (inTime !== null) {
      measured += 1;
      if (inTime) within += 1;
    }
  }
  const decided = counts.checkedIn + counts.late + counts.noShows;
  return {
    ...counts,
    checkIns: counts.checkedIn + counts.late,
    noShowShare: decided === 0 ? null : counts.noShows / decided,
    punctuality: { measured, within, share: measured === 0 ? null : within / measured },
  };
}

/** One slot of today on the supervisor's screen. */
export interface BookingSlotView extends BookingFigures {
  startsAt: string;
  endsAt: string;
}

/** A service's bookings of today, slot by slot, with its totals. */
export interface BookingServiceDayView {
  serviceId: string;
  code: string;
  name: string;
  slots: BookingSlotView[];
  total: BookingFigures;
}

/** `GET /offices/:slug/supervision/bookings`: today's bookings per service and slot, an agency supervisor's agency only. */
export interface SupervisionBookingsView {
  day: string;
  at: string;
  /** The N of "called within N minutes of the slot". */
  punctualityMinutes: number;
  services: BookingServiceDayView[];
  total: BookingFigures;
}

/**
 * Today's view: every service listed (those taking bookings, and any other with a booking
 * today), each booked slot in time order with its figures. A slot is the bookings sharing its start.
 */
export function supervisionBookings(input: {
  day: string;
  now: number;
  services: readonly { id: string; code: string; name: string }[];
  bookings: readonly BookingRecord[];
}): SupervisionBookingsView {
  const services = input.services.map((service) => {
    const mine = input.bookings.filter((booking) => booking.serviceId === service.id);
    const starts = [...new Set(mine.map((booking) => booking.slotStartsAt))].sort((a, b) => a - b);
    const slots = starts.map((start) => {
      const inSlot = mine.filter((booking) => booking.slotStartsAt === start);
      return {
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(Math.max(...inSlot.map((booking) => booking.slotEndsAt))).toISOString(),
        ...bookingFigures(inSlot, input.now),
      };
    });
    return { serviceId: service.id, code: service.code, name: service.name, slots, total: bookingFigures(mine, input.now) };
  });
  const listed = new Set(input.services.map((service) => service.id));
  return {
    day: input.day,
    at: new Date(input.now).toISOString(),
    punctualityMinutes: BOOKED_PUNCTUALITY_MINUTES,
    services,
    total: bookingFigures(
      input.bookings.filter((booking) => listed.has(booking.serviceId)),
      input.now,
    ),
  };
}

/** The bookings table's name among a report's CSV downloads (`/reports/bookings.csv`), beside the REPORT_TABLES. */
export const BOOKINGS_REPORT_TABLE = 'bookings';

/** One row of the report's bookings table: a service on a day. */
export interface BookingReportRowView extends BookingFigures {
  day: string;
  serviceId: string;
  code: string | null;
  label: string;
}

/** The report's bookings table: a row per service and day that had bookings (days in order, services in the office's order), and the period's total. */
export interface BookingReportView {
  punctualityMinutes: number;
  rows: BookingReportRowView[];
  total: BookingFigures;
}

export function bookingReport(
  bookings: readonly (BookingRecord & { day: string })[],
  services: readonly { id: string; code: string; name: string }[],
  now: number,
): BookingReportView {
  const order = new Map(services.map((service, index) => [service.id, index]));
  const groups = new Map<string, (BookingRecord & { day: string })[]>();
  for (const booking of bookings) {
    const key = `${booking.day}|${booking.serviceId}`;
    const group = groups.get(key);
    if (group) group.push(booking);
    else groups.set(key, [booking]);
  }
  const rows = [...groups.values()]
    .map((group) => {
      const { day, serviceId } = group[0];
      const service = services.find((candidate) => candidate.id === serviceId);
      return { day, serviceId, code: service?.code ?? null, label: service?.name ?? serviceId, ...bookingFigures(group, now) };
    })
    .sort((a, b) => a.day.localeCompare(b.day) || (order.get(a.serviceId) ?? services.length) - (order.get(b.serviceId) ?? services.length));
  return { punctualityMinutes: BOOKED_PUNCTUALITY_MINUTES, rows, total: bookingFigures(bookings, now) };
}
