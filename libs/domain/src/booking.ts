/**
 * Booking a slot (issue 17): a citizen books a service's slot from home, checks in on
 * arrival, and the check-in becomes a ticket in the same earliest-due-first queue as a
 * walk-in (`call-order.ts`). These are the rules: which slots a day has (from the office
 * calendar), when a day may be booked, how many seats a day keeps for bookings, when a booking
 * may still be moved or cancelled, and the due time a checked-in booking gets. Pure: times
 * are epoch milliseconds, days office-local `YYYY-MM-DD`.
 */
import { type ClosureNotice, type OfficeCalendar, dayHours, nextDay } from './calendar.js';
import type { QueueEntry } from './call-order.js';
import { type Interval, intersectIntervals, localTimeToInstant, plannedBreaks, subtractIntervals } from './counter-schedule.js';
import { RuleError } from './errors.js';
import { MINUTE_MS, serviceDay } from './time.js';
import type { CounterScheduleDay, OpeningHours } from './views.js';

/** A service's booking settings, set by the office's admin. */
export interface BookingSettings {
  enabled: boolean;
  /** Length of one slot, minutes. */
  slotMinutes: number;
  /** Bookings one slot takes. */
  seatsPerSlot: number;
  /** Share (0–100) of the service's daily quota kept for walk-ins; booking takes at most the rest. */
  walkInSharePercent: number;
  /** How many days ahead (counting today as 0) a slot may be booked. */
  horizonDays: number;
  /** A day's slots open for booking this many days before it … */
  opensDaysBefore: number;
  /** … at this office-local time (`HH:MM`): D-7 at 00:00 is { 7, '00:00' }. */
  opensAt: string;
  /**
   * A booking may be rescheduled or cancelled until this many days before its slot's day,
   * at the office's midnight: 1 = until the end of the day before; 0 = until the slot starts.
   */
  changeCutoffDays: number;
  /** A checked-in booking is due this many minutes after its slot starts. */
  graceMinutes: number;
  /** Arriving more than this many minutes after the slot starts makes the booking a walk-in. */
  lateToleranceMinutes: number;
}

export const DEFAULT_BOOKING_SETTINGS: BookingSettings = {
  enabled: false,
  slotMinutes: 30,
  seatsPerSlot: 4,
  walkInSharePercent: 50,
  horizonDays: 14,
  opensDaysBefore: 7,
  opensAt: '00:00',
  changeCutoffDays: 1,
  graceMinutes: 10,
  lateToleranceMinutes: 15,
};

/**
 * A service's booking settings as the admin screen reads them: the settings, the office's
 * limit per person, and the seats per slot its counters suggest (`suggestedSeatsPerSlot`). A
 * service whose seats were never set shows the suggestion as its seats.
 */
export interface BookingSettingsView extends BookingSettings {
  bookingsPerPerson: number;
  suggestedSeatsPerSlot: number;
}

/** The office's limit on active bookings per phone number, and per client, per service and day. */
export const DEFAULT_BOOKINGS_PER_PERSON = 1;

const LIMITS: Record<Exclude<keyof BookingSettings, 'enabled' | 'opensAt'>, [number, number]> = {
  slotMinutes: [5, 240],
  seatsPerSlot: [1, 1000],
  walkInSharePercent: [0, 100],
  horizonDays: [0, 90],
  opensDaysBefore: [0, 90],
  changeCutoffDays: [0, 30],
  graceMinutes: [0, 120],
  lateToleranceMinutes: [0, 240],
};

/** What is wrong with a service's booking settings, per field (empty: nothing), the validation pipe's shape. */
export function bookingSettingsProblems(settings: BookingSettings): { field: string; problems: string[] }[] {
  const out: { field: string; problems: string[] }[] = [];
  for (const [field, [min, max]] of Object.entries(LIMITS) as [keyof typeof LIMITS, [number, number]][]) {
    const value = settings[field];
    if (!Number.isInteger(value) || value < min || value > max) out.push({ field, problems: [`must be a whole number from ${min} to ${max}`] });
  }
  if (!/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(settings.opensAt)) out.push({ field: 'opensAt', problems: ['must be a time HH:MM'] });
  return out;
}

export interface Slot {
  startsAt: number;
  endsAt: number;
}

/**
 * A day's slots: the office's real hours that day (after holidays and closures, `dayHours`)
 * cut into slots of the service's length; a slot must fit whole inside an open stretch. A
 * closed day, or an office that keeps no hours (a 24-hour desk takes no bookings), has none.
 */
export function daySlots(calendar: OfficeCalendar, day: string, settings: Pick<BookingSettings, 'slotMinutes'>): Slot[] {
  if (calendar.openingHours.length === 0) return [];
  const length = settings.slotMinutes * MINUTE_MS;
  const slots: Slot[] = [];
  for (const stretch of dayHours(calendar, day).open) {
    for (let start = stretch.from; start + length <= stretch.to; start += length) slots.push({ startsAt: start, endsAt: start + length });
  }
  return slots;
}

/** When a day's slots open for booking (`opensDaysBefore` days before, at `opensAt`, office time). */
export function bookingOpensAt(day: string, settings: Pick<BookingSettings, 'opensDaysBefore' | 'opensAt'>, timeZone: string): number {
  return localTimeToInstant(nextDay(day, -settings.opensDaysBefore), settings.opensAt, timeZone);
}

/** The days a citizen may look at: today up to the horizon. Whether each is open for booking yet is `bookingOpensAt`. */
export function horizonDays(now: number, settings: Pick<BookingSettings, 'horizonDays'>, timeZone: string): string[] {
  const today = serviceDay(now, timeZone);
  return Array.from({ length: settings.horizonDays + 1 }, (_, offset) => nextDay(today, offset));
}

/**
 * How many bookings a day may take in all: every slot's seats, but where the service has a
 * daily quota, no more than the quota less the walk-ins' share (rounded up, in the walk-ins' favour).
 */
export function dayCapacity(slotCount: number, settings: Pick<BookingSettings, 'seatsPerSlot' | 'walkInSharePercent'>, dailyQuota: number | null): number {
  return seatsCapacity(slotCount * settings.seatsPerSlot, settings, dailyQuota);
}

/** The same from the seats of the day's slots added up, when each slot has its own (`slotSeats`). */
export function seatsCapacity(seats: number, settings: Pick<BookingSettings, 'walkInSharePercent'>, dailyQuota: number | null): number {
  if (dailyQuota === null) return seats;
  const walkIns = Math.ceil((dailyQuota * settings.walkInSharePercent) / 100);
  return Math.max(0, Math.min(seats, dailyQuota - walkIns));
}

/**
 * The seats per slot to suggest for a service: what the counters that serve it can call in one
 * slot when they are all there, less the walk-ins' share, rounded down (in the walk-ins'
 * favour). A counter's slot is shared evenly among the services it serves, and a citizen takes
 * the service's standard time. A slot during planned breaks takes fewer (`slotSeats`). Booked
 * citizens are due at their slot, so seats past this make them go ahead of walk-ins beyond the
 * share the office keeps for them. At least 1 where a counter serves the service; 0 where none does.
 */
export function suggestedSeatsPerSlot(
  serviceId: string,
  serviceMinutes: number,
  counters: readonly { serviceIds: readonly string[] }[],
  settings: Pick<BookingSettings, 'slotMinutes' | 'walkInSharePercent'>,
): number {
  const serving = counters.filter((counter) => counter.serviceIds.includes(serviceId));
  if (serving.length === 0 || serviceMinutes <= 0) return 0;
  const calls = serving.reduce((sum, counter) => sum + settings.slotMinutes / counter.serviceIds.length / serviceMinutes, 0);
  // A hair of tolerance so that 2.9999… (floating point) is 3.
  return Math.max(1, Math.floor((calls * (100 - settings.walkInSharePercent)) / 100 + 1e-9));
}

/** A counter as one day's slots see it: the services it serves, and when it is scheduled that day, its planned breaks taken out. */
export interface SlotCounter {
  serviceIds: readonly string[];
  present: readonly Interval[];
}

/**
 * The seats of one slot: the service's seats per slot are for a slot when every counter that
 * serves it is there; a slot during some counters' planned breaks (the ishoma, Friday prayers)
 * gets the share of them the counters there make, rounded down, so booked citizens, who are due at
 * their slot, never take more of the counters than the office keeps for them. Each counter
 * counts for its share of the services it serves. With no counter serving the service there is
 * nothing to scale by: the seats as set.
 */
export function slotSeats(serviceId: string, seatsPerSlot: number, counters: readonly SlotCounter[], slot: Slot): number {
  const serving = counters.filter((counter) => counter.serviceIds.includes(serviceId));
  if (serving.length === 0) return seatsPerSlot;
  const length = slot.endsAt - slot.startsAt;
  let full = 0;
  let present = 0;
  for (const counter of serving) {
    full += 1 / counter.serviceIds.length;
    const inSlot = intersectIntervals(counter.present, [{ from: slot.startsAt, to: slot.endsAt }]).reduce((sum, part) => sum + part.to - part.from, 0);
    present += inSlot / length / counter.serviceIds.length;
  }
  return Math.floor((seatsPerSlot * present) / full + 1e-9);
}

/** A service's seats on one day: each slot's (`slotSeats`), and how many bookings the day takes in all (`seatsCapacity`). */
export interface DaySeats {
  seatsOf: (slot: Slot) => number;
  cap: number;
  /** Every slot's seats added up: the cap binds only when it is below them. */
  total: number;
}

/**
 * A service's seats on a day, from the counters there that day (`slotCountersOn`): what the
 * booking page shows, and what a booking or a reschedule may take.
 */
export function daySeats(
  calendar: OfficeCalendar,
  settings: Pick<BookingSettings, 'slotMinutes' | 'seatsPerSlot' | 'walkInSharePercent'>,
  dailyQuota: number | null,
  day: string,
  serviceId: string,
  counters: readonly SlotCounter[],
): DaySeats {
  const seatsOf = (slot: Slot) => slotSeats(serviceId, settings.seatsPerSlot, counters, slot);
  const total = daySlots(calendar, day, settings).reduce((sum, slot) => sum + seatsOf(slot), 0);
  return { seatsOf, cap: seatsCapacity(total, settings, dailyQuota), total };
}

/**
 * The counters that serve a service on an office day, as `slotSeats` needs them: there for
 * the office's hours that day, less their planned breaks (the ishoma, Friday prayers) in
 * their weekly schedule. Hours outside a counter's schedule are not taken out: an office open
 * longer than its counters' schedules keeps its seats then.
 */
export function slotCountersOn(
  counters: readonly { serviceIds: readonly string[]; schedule: readonly CounterScheduleDay[] }[],
  calendar: OfficeCalendar,
  day: string,
): SlotCounter[] {
  const noon = localTimeToInstant(day, '12:00', calendar.timeZone);
  const officeHours = dayHours(calendar, day).open;
  return counters.map((counter) => ({
    serviceIds: counter.serviceIds,
    present: subtractIntervals(officeHours, plannedBreaks(counter.schedule, calendar.timeZone, noon)),
  }));
}

/**
 * Refuses a slot that cannot be booked at `now`: booking off or a day not yet open or beyond
 * the horizon (409 booking_closed), a slot already begun (409 booking_closed), a start that
 * is no slot of that day, on a closed day for instance (409 slot_unavailable). Returns the slot.
 */
export function assertSlotBookable(calendar: OfficeCalendar, settings: BookingSettings, startsAt: number, now: number): Slot {
  if (!settings.enabled) throw new RuleError('booking_closed', 'This service takes no bookings');
  const day = serviceDay(startsAt, calendar.timeZone);
  if (!horizonDays(now, settings, calendar.timeZone).includes(day)) {
    throw new RuleError('booking_closed', `${day} is outside the booking horizon of ${settings.horizonDays} days`, { day });
  }
  const opensAt = bookingOpensAt(day, settings, calendar.timeZone);
  if (now < opensAt)
    throw new RuleError('booking_closed', `Booking for ${day} opens at ${new Date(opensAt).toISOString()}`, { day, opensAt: new Date(opensAt).toISOString() });
  const slot = daySlots(calendar, day, settings).find((candidate) => candidate.startsAt === startsAt);
  if (!slot)
    throw new RuleError(
      'slot_unavailable',
      `There is no slot at ${new Date(startsAt).toISOString()}: the office is closed then, or slots start at other times`,
    );
  if (slot.startsAt <= now) throw new RuleError('booking_closed', 'This slot has already begun');
  return slot;
}

/** The last moment a booking may be moved or cancelled: `changeCutoffDays` before its slot's day, at midnight; 0 = the slot's start. */
export function changeCutoff(slotStartsAt: number, settings: Pick<BookingSettings, 'changeCutoffDays'>, timeZone: string): number {
  if (settings.changeCutoffDays === 0) return slotStartsAt;
  const day = serviceDay(slotStartsAt, timeZone);
  return localTimeToInstant(nextDay(day, -(settings.changeCutoffDays - 1)), '00:00', timeZone);
}

export type BookingStatus = 'booked' | 'checked_in' | 'cancelled';

/** What the rules need of a booking. */
export interface BookingState {
  status: BookingStatus;
  slotStartsAt: number;
  slotEndsAt: number;
  rescheduleCount: number;
}

/** A booking as the citizen sees it: a booking whose slot ended without a check-in is a no-show (its seat freed). */
export type BookingPhase = BookingStatus | 'no_show';

export function bookingPhase(booking: BookingState, now: number): BookingPhase {
  return booking.status === 'booked' && now >= booking.slotEndsAt ? 'no_show' : booking.status;
}

function assertStillBooked(booking: BookingState, now: number): void {
  const phase = bookingPhase(booking, now);
  if (phase === 'checked_in') throw new RuleError('already_checked_in', 'This booking has already been checked in');
  if (phase === 'cancelled') throw new RuleError('booking_cancelled', 'This booking was cancelled');
  if (phase === 'no_show') throw new RuleError('booking_expired', 'This booking’s slot is over');
}

/** Refuses to cancel a booking that is not booked any more, or past the cut-off (409 past_cutoff). */
export function assertCancellable(booking: BookingState, settings: Pick<BookingSettings, 'changeCutoffDays'>, timeZone: string, now: number): void {
  assertStillBooked(booking, now);
  const cutoff = changeCutoff(booking.slotStartsAt, settings, timeZone);
  if (now >= cutoff)
    throw new RuleError('past_cutoff', `Changes were possible until ${new Date(cutoff).toISOString()}`, { cutoff: new Date(cutoff).toISOString() });
}

/** A booking may be moved once (409 reschedule_used the second time), before the cut-off, to a bookable slot other than its own. */
export function assertReschedulable(booking: BookingState, settings: BookingSettings, timeZone: string, now: number, toStartsAt: number): void {
  assertStillBooked(booking, now);
  if (booking.rescheduleCount >= 1) throw new RuleError('reschedule_used', 'A booking can be rescheduled once only');
  assertCancellable(booking, settings, timeZone, now);
  if (toStartsAt === booking.slotStartsAt)
    throw new RuleError('validation_failed', 'That is the slot already booked', [{ field: 'startsAt', problems: ['must be another slot'] }]);
}

/** What a check-in makes of a booking: the ticket's due time, and whether it came too late and counts as a walk-in. */
export interface CheckIn {
  dueAt: number;
  late: boolean;
}

/**
 * Checks a booking in at `now` (kiosk or counter) and gives the ticket's due time: its slot
 * start plus the grace, also for a citizen who comes early (called around the slot, not
 * before); past the late tolerance the booking is a walk-in, due `now` plus the service's
 * maximum wait. Only on the slot's own day (409 wrong_day), and only a booking still booked.
 */
export function checkIn(
  booking: BookingState & { officeId: string },
  at: { officeId: string; timeZone: string },
  settings: Pick<BookingSettings, 'graceMinutes' | 'lateToleranceMinutes'>,
  serviceMaxWaitMinutes: number,
  now: number,
): CheckIn {
  if (booking.officeId !== at.officeId) throw new RuleError('wrong_office', 'This booking is for another office');
  if (booking.status === 'checked_in') throw new RuleError('already_checked_in', 'This booking has already been checked in');
  if (booking.status === 'cancelled') throw new RuleError('booking_cancelled', 'This booking was cancelled');
  const slotDay = serviceDay(booking.slotStartsAt, at.timeZone);
  const today = serviceDay(now, at.timeZone);
  if (slotDay !== today) throw new RuleError('wrong_day', `This booking is for ${slotDay}`, { day: slotDay });
  if (now > booking.slotStartsAt + settings.lateToleranceMinutes * MINUTE_MS) {
    return { dueAt: now + serviceMaxWaitMinutes * MINUTE_MS, late: true };
  }
  return { dueAt: booking.slotStartsAt + settings.graceMinutes * MINUTE_MS, late: false };
}

/** A booking still to come today, as the forecast needs it. */
export interface PendingBooking {
  id: string;
  serviceId: string;
  slotStartsAt: number;
  settings: Pick<BookingSettings, 'graceMinutes' | 'lateToleranceMinutes'>;
}

/**
 * Today's bookings not yet checked in, as tickets known to come (`WaitForecastInput.arrivals`):
 * each joins the queue at its slot's start (or now, once the slot has begun) and is due as
 * `checkIn` would make it, the slot plus the grace. Early arrivals change nothing: they are
 * due at their slot anyway. A booking past its late tolerance is left out: if that citizen
 * still comes, it is as a walk-in, whom the arrival rates foresee. Ids are `booking:<id>`.
 */
export function bookedArrivals(bookings: readonly PendingBooking[], now: number): QueueEntry[] {
  return bookings
    .filter((booking) => now <= booking.slotStartsAt + booking.settings.lateToleranceMinutes * MINUTE_MS)
    .map((booking) => ({
      id: `booking:${booking.id}`,
      serviceId: booking.serviceId,
      // The forecast plays in only arrivals after now.
      issuedAt: Math.max(booking.slotStartsAt, now + 1),
      dueAt: booking.slotStartsAt + booking.settings.graceMinutes * MINUTE_MS,
      priority: null,
    }))
    .sort((a, b) => a.issuedAt - b.issuedAt || a.id.localeCompare(b.id));
}

// The reference read aloud at a desk: `BK-` and four letters of the tracking codes' alphabet (no 0/O, 1/I/L).
export const BOOKING_REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const BOOKING_REFERENCE_PATTERN = /^BK-[23456789A-HJKMNP-Z]{4}$/;

/**
 * A reference as typed at a kiosk or desk, made canonical: case, spaces and the `BK`
 * prefix do not matter, and the letters people confuse are read as the one the alphabet keeps
 * (O → 0 is not in it, so O and 0 are refused rather than guessed). Null when it cannot be one.
 */
export function normaliseBookingReference(input: string): string | null {
  const letters = input.toUpperCase().replace(/[\s-]/g, '').replace(/^BK/, '');
  const reference = `BK-${letters}`;
  return BOOKING_REFERENCE_PATTERN.test(reference) ? reference : null;
}

/**
 * An Indonesian phone number made canonical (`62…`): `0812…`, `+62 812-…` and `62812…` are
 * one number. Mobile and fixed lines have 8–12 digits after the country code. Null when malformed.
 */
export function normalisePhone(input: string): string | null {
  const compact = input.replace(/[\s().-]/g, '');
  if (!/^\+?[0-9]+$/.test(compact)) return null;
  const digits = compact.replace(/^\+/, '');
  const national = digits.startsWith('62') ? digits.slice(2) : digits.startsWith('0') ? digits.slice(1) : null;
  if (national === null || national.startsWith('0') || national.length < 8 || national.length > 12) return null;
  return `62${national}`;
}

/** One slot as the booking page shows it. */
export interface SlotAvailability {
  startsAt: string;
  endsAt: string;
  seats: number;
  left: number;
}

/** A day as the booking page shows it: its slots with seats left, or why it cannot be booked. */
export interface BookingDayView {
  day: string;
  /** When its booking opens (ISO); in the past for a day already open. */
  opensAt: string;
  open: boolean;
  /** Bookings the day still takes in all (the day's cap, `dayCapacity`, less what is booked). */
  left: number;
  slots: SlotAvailability[];
}

/**
 * A day's availability from its slots and how many are booked in each (`bookedBySlot`, keyed
 * by the slot's start in ms): a slot shows no seat left when it is full, when the day's cap is
 * reached, or when it has begun. Each slot has its own seats when `seats` is given (`daySeats`),
 * else every slot the seats per slot.
 */
export function bookingDayView(
  calendar: OfficeCalendar,
  settings: BookingSettings,
  dailyQuota: number | null,
  day: string,
  booked: { total: number; bySlot: ReadonlyMap<number, number> },
  now: number,
  seats: DaySeats | null = null,
): BookingDayView {
  const slots = daySlots(calendar, day, settings);
  const opensAt = bookingOpensAt(day, settings, calendar.timeZone);
  const seatsOf = seats?.seatsOf ?? (() => settings.seatsPerSlot);
  const dayLeft = Math.max(0, (seats?.cap ?? dayCapacity(slots.length, settings, dailyQuota)) - booked.total);
  const open = settings.enabled && now >= opensAt && slots.length > 0;
  return {
    day,
    opensAt: new Date(opensAt).toISOString(),
    open,
    left: open ? dayLeft : 0,
    slots: slots.map((slot) => {
      const seatCount = seatsOf(slot);
      const left = open && slot.startsAt > now ? Math.min(dayLeft, Math.max(0, seatCount - (booked.bySlot.get(slot.startsAt) ?? 0))) : 0;
      return { startsAt: new Date(slot.startsAt).toISOString(), endsAt: new Date(slot.endsAt).toISOString(), seats: seatCount, left };
    }),
  };
}

/** Availability of a service over its horizon, as `GET /offices/:slug/services/:id/availability` answers it. */
export interface BookingAvailabilityView {
  serviceId: string;
  serviceName: string;
  at: string;
  days: BookingDayView[];
}

/** A booking as its page `/b/:code` shows it. */
export interface BookingView {
  code: string;
  reference: string;
  phase: BookingPhase;
  officeSlug: string;
  officeName: string;
  officeAddress: string;
  officeTimeZone: string;
  /** The office's weekly hours, shown beside its address. */
  officeOpeningHours: OpeningHours[];
  serviceId: string;
  serviceName: string;
  /** The requirements of the service's standard: what to bring. */
  requirements: string[];
  slotStartsAt: string;
  slotEndsAt: string;
  name: string | null;
  /** The last digits only: the full number is never shown back. */
  phoneHint: string | null;
  rescheduled: boolean;
  /** The last moment to reschedule or cancel (ISO). */
  changeUntil: string;
  canReschedule: boolean;
  canCancel: boolean;
  /** The ticket it became at check-in (its tracking code), when checked in. */
  ticketTrackingCode: string | null;
  /** A closure (or own holiday) over the booked slot: the page shows it and its reason. */
  closure: ClosureNotice | null;
}

/** The booking a kiosk or desk checked in: the ticket, and whether it counts as a walk-in. */
export interface BookingCheckInView<T> {
  reference: string;
  late: boolean;
  ticket: T;
}

/**
 * The header a booking page sends with a random id it keeps (localStorage): the per-client
 * limit and the booking rate limit count it, with the address, so phones behind one NAT
 * address are told apart. Without it a client is its address and browser.
 */
export const BOOKING_CLIENT_HEADER = 'x-loket-client';
export const BOOKING_CLIENT_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** What the public booking page lists: the office, and its services that take bookings. */
export interface BookingOfficeView {
  officeSlug: string;
  officeName: string;
  officeAddress: string;
  officeTimeZone: string;
  services: { id: string; code: string; name: string; requirements: string[] }[];
}
