/**
 * The office's calendar: its weekly opening hours, the national holidays and cuti bersama it
 * observes (`national-holidays.ts`), its own days (a local holiday, or a national one it marks
 * open) and its closures. From these alone, and `now`, it answers whether the office is open,
 * when it opens next, today's real hours, and whether a ticket may be issued. Pure: times are
 * epoch milliseconds, days office-local `YYYY-MM-DD`.
 *
 * An office with no opening hours at all keeps none: it is open around the clock, every day
 * (a 24-hour desk), holidays do not apply to it, and only its closures shut it.
 */
import { type Interval, localTimeToInstant, isoWeekday } from './counter-schedule.js';
import { type HolidaySource, type NationalHoliday, nationalHolidayOn } from './national-holidays.js';
import { RuleError } from './errors.js';
import { MINUTE_MS, serviceDay } from './time.js';
import type { OpeningHours } from './views.js';

export const DEFAULT_ISSUE_CUTOFF_MINUTES = 30;
/** How far ahead "opens next" looks: past a year of closures or holidays, the answer is "not known". */
export const OPENING_SEARCH_DAYS = 400;

/** An office's own calendar entry: a day it closes (a local holiday, an office event) or a seeded holiday it opens on. */
export interface OfficeOwnDay {
  day: string;
  kind: 'holiday' | 'open';
  name: string;
}

/** A closure: the office shuts from `from` to `to`, with the reason citizens are shown. */
export interface OfficeClosure {
  from: number;
  to: number;
  reason: string;
}

export interface OfficeCalendar {
  timeZone: string;
  openingHours: readonly OpeningHours[];
  ownDays: readonly OfficeOwnDay[];
  closures: readonly OfficeClosure[];
  /** The seeded national list; a parameter so tests can give their own. */
  nationalHoliday?: (day: string) => NationalHoliday | null;
}

export type ClosedReason =
  | { kind: 'outside_hours' }
  | { kind: 'holiday'; name: string; national: boolean }
  | { kind: 'closure'; reason: string }
  /** Open, but past the service's issuing cut-off before closing. */
  | { kind: 'cutoff'; closesAt: number };

export type OfficeStatus = { open: true; closesAt: number | null } | { open: false; reason: ClosedReason; opensAt: number | null };

export interface DayHours {
  day: string;
  /** The weekly schedule's hours that day, before holidays and closures; null when not a scheduled day. */
  scheduled: Interval | null;
  holiday: { name: string; national: boolean } | null;
  /** The real hours: scheduled minus closures, none on a holiday. */
  open: Interval[];
}

/** The next calendar day of a `YYYY-MM-DD` day. */
export function nextDay(day: string, by = 1): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + by)).toISOString().slice(0, 10);
}

export function keepsHours(calendar: OfficeCalendar): boolean {
  return calendar.openingHours.length > 0;
}

/** The holiday the office observes on a day, if any: its own, or a national one it has not marked open. */
export function holidayOn(calendar: OfficeCalendar, day: string): { name: string; national: boolean } | null {
  const own = calendar.ownDays.find((entry) => entry.day === day);
  if (own) return own.kind === 'holiday' ? { name: own.name, national: false } : null;
  const national = (calendar.nationalHoliday ?? nationalHolidayOn)(day);
  return national ? { name: national.name, national: true } : null;
}

function subtract(from: Interval, closures: readonly OfficeClosure[]): Interval[] {
  let pieces: Interval[] = [from];
  for (const closure of closures) {
    pieces = pieces.flatMap((piece) => {
      if (closure.to <= piece.from || closure.from >= piece.to) return [piece];
      const out: Interval[] = [];
      if (closure.from > piece.from) out.push({ from: piece.from, to: closure.from });
      if (closure.to < piece.to) out.push({ from: closure.to, to: piece.to });
      return out;
    });
  }
  return pieces.sort((a, b) => a.from - b.from);
}

/** A day's real hours: the weekly schedule, after holidays and closures. */
export function dayHours(calendar: OfficeCalendar, day: string): DayHours {
  if (!keepsHours(calendar)) {
    const whole = { from: localTimeToInstant(day, '00:00', calendar.timeZone), to: localTimeToInstant(nextDay(day), '00:00', calendar.timeZone) };
    return { day, scheduled: whole, holiday: null, open: subtract(whole, calendar.closures) };
  }
  const hours = calendar.openingHours.find((entry) => entry.weekday === isoWeekday(day));
  const scheduled = hours
    ? { from: localTimeToInstant(day, hours.opens, calendar.timeZone), to: localTimeToInstant(day, hours.closes, calendar.timeZone) }
    : null;
  const holiday = holidayOn(calendar, day);
  const open = scheduled && !holiday ? subtract(scheduled, calendar.closures) : [];
  return { day, scheduled, holiday, open };
}

/** Today's real hours (the office-local day of `now`). */
export function todaysHours(calendar: OfficeCalendar, now: number): DayHours {
  return dayHours(calendar, serviceDay(now, calendar.timeZone));
}

/**
 * The open stretch that contains `now` or comes first after it, within OPENING_SEARCH_DAYS;
 * stretches that touch (midnight in a 24-hour office) are joined.
 */
function openStretch(calendar: OfficeCalendar, now: number): Interval | null {
  let day = serviceDay(now, calendar.timeZone);
  let found: Interval | null = null;
  for (let i = 0; i <= OPENING_SEARCH_DAYS; i += 1, day = nextDay(day)) {
    for (const interval of dayHours(calendar, day).open) {
      if (interval.to <= now) continue;
      if (found === null) found = { ...interval };
      else if (interval.from <= found.to) found.to = Math.max(found.to, interval.to);
      else return found;
    }
    // A stretch still open at the day's end may go on into the next day; otherwise it is whole.
    if (found !== null && found.to < localTimeToInstant(nextDay(day), '00:00', calendar.timeZone)) return found;
  }
  return found;
}

function closedReason(calendar: OfficeCalendar, now: number): ClosedReason {
  const today = todaysHours(calendar, now);
  const covering = calendar.closures.find((closure) => closure.from <= now && now < closure.to);
  if (covering) return { kind: 'closure', reason: covering.reason };
  if (today.holiday) return { kind: 'holiday', ...today.holiday };
  // Before today's hours, a closure that takes them gives its reason now already.
  if (today.scheduled && now < today.scheduled.to) {
    const start = Math.max(now, today.scheduled.from);
    const ahead = calendar.closures.find((closure) => closure.from <= start && start < closure.to);
    if (ahead) return { kind: 'closure', reason: ahead.reason };
  }
  return { kind: 'outside_hours' };
}

/** Whether the office is open at `now`; when closed, why, and when it opens again (null: not within the search). */
export function officeStatus(calendar: OfficeCalendar, now: number): OfficeStatus {
  if (!keepsHours(calendar)) return roundTheClockStatus(calendar, now);
  const stretch = openStretch(calendar, now);
  if (stretch && stretch.from <= now) return { open: true, closesAt: stretch.to };
  return { open: false, reason: closedReason(calendar, now), opensAt: stretch?.from ?? null };
}

/** A 24-hour office: open unless a closure holds now; it closes at the next closure, if one is planned. */
function roundTheClockStatus(calendar: OfficeCalendar, now: number): OfficeStatus {
  let until = now;
  for (let moved = true; moved;) {
    moved = false;
    for (const closure of calendar.closures) {
      if (closure.from <= until && until < closure.to) {
        until = closure.to;
        moved = true;
      }
    }
  }
  if (until > now) return { open: false, reason: closedReason(calendar, now), opensAt: until };
  const next = calendar.closures
    .filter((closure) => closure.from > now)
    .reduce<number | null>((first, closure) => (first === null ? closure.from : Math.min(first, closure.from)), null);
  return { open: true, closesAt: next };
}

/** When the office is next open at or after `now` (null: not within OPENING_SEARCH_DAYS). */
export function opensNext(calendar: OfficeCalendar, now: number): number | null {
  const status = officeStatus(calendar, now);
  return status.open ? now : status.opensAt;
}

/**
 * Whether a ticket for a service may be issued at `now`: the office is open, and it is not
 * within the service's cut-off (minutes) of the office closing. Past the cut-off the answer
 * says when the office opens again after this closing.
 */
export function issuingStatus(calendar: OfficeCalendar, now: number, cutoffMinutes: number = DEFAULT_ISSUE_CUTOFF_MINUTES): OfficeStatus {
  const status = officeStatus(calendar, now);
  if (!status.open || status.closesAt === null) return status;
  if (now < status.closesAt - cutoffMinutes * MINUTE_MS) return { open: true, closesAt: status.closesAt };
  return { open: false, reason: { kind: 'cutoff', closesAt: status.closesAt }, opensAt: opensNext(calendar, status.closesAt) };
}

/**
 * Until when a service issues tickets today: its cut-off before the office closes, as an
 * instant (it may be past: the office is open but the service has stopped issuing); null
 * while the office is closed or has no closing ahead (a 24-hour office).
 */
export function issuingUntil(calendar: OfficeCalendar, now: number, cutoffMinutes: number = DEFAULT_ISSUE_CUTOFF_MINUTES): number | null {
  const status = officeStatus(calendar, now);
  if (!status.open || status.closesAt === null) return null;
  return status.closesAt - cutoffMinutes * MINUTE_MS;
}

/** The length in minutes of the longest day in the weekly hours: no cut-off may be that long or longer. */
export function longestOpeningMinutes(openingHours: readonly OpeningHours[]): number {
  const minutes = (time: string) => {
    const [hour, minute] = time.split(':').map(Number);
    return hour * 60 + minute;
  };
  return openingHours.reduce((longest, entry) => Math.max(longest, minutes(entry.closes) - minutes(entry.opens)), 0);
}

/** What a 409 `office_closed` carries, for the kiosk to say when to come back and why. */
export interface OfficeClosedDetails {
  /** ISO instant the office opens again (after the cut-off: its next opening); null when not known. */
  opensAt: string | null;
  reason: ClosedReason['kind'];
  /** The holiday's name or the closure's reason; null for plain outside-hours and the cut-off. */
  reasonText: string | null;
}

export function closedDetails(status: Extract<OfficeStatus, { open: false }>): OfficeClosedDetails {
  const reason = status.reason;
  return {
    opensAt: status.opensAt === null ? null : new Date(status.opensAt).toISOString(),
    reason: reason.kind,
    reasonText: reason.kind === 'holiday' ? reason.name : reason.kind === 'closure' ? reason.reason : null,
  };
}

/** Refuses a ticket while the office is closed or the service is past its cut-off (409 `office_closed`). */
export function assertIssuingOpen(calendar: OfficeCalendar, now: number, cutoffMinutes: number): void {
  const status = issuingStatus(calendar, now, cutoffMinutes);
  if (status.open) return;
  const details = closedDetails(status);
  const why = details.reason === 'cutoff' ? 'has stopped issuing for today' : 'is closed';
  throw new RuleError('office_closed', `The office ${why}; it opens again ${details.opensAt ?? 'at a time not yet known'}`, details);
}

/** What a 409 `cannot_serve_today` carries: the kiosk says when the office closes and offers booking from `opensAt` on. */
export interface CannotServeTodayDetails {
  /** ISO instant the office closes today. */
  closesAt: string;
  /** The forecast's wait for a ticket taken now, in whole minutes. */
  estimatedWaitMinutes: number;
  /** When the forecast expects that ticket's service to be over: called, then served for the service's average time. */
  expectedDoneAt: string;
  /** When the office opens again after this closing (the first day to book); null when not known. */
  opensAt: string | null;
}

/**
 * The forecast's verdict for a ticket taken now under kuota dinamis: whether it would be
 * served before the office closes, that is, called after `waitMinutes` and served for
 * `serviceMinutes` by closing time. Nothing to refuse without a forecast (no counter can
 * serve it, which issuing refuses on its own) or without a closing (a 24-hour office).
 */
export function servableToday(
  calendar: OfficeCalendar,
  now: number,
  forecast: { waitMinutes: number | null; serviceMinutes: number },
): { servable: true } | { servable: false; details: CannotServeTodayDetails } {
  const status = officeStatus(calendar, now);
  if (!status.open || status.closesAt === null || forecast.waitMinutes === null) return { servable: true };
  const doneAt = now + (forecast.waitMinutes + forecast.serviceMinutes) * MINUTE_MS;
  if (doneAt <= status.closesAt) return { servable: true };
  const opensAt = opensNext(calendar, status.closesAt);
  return {
    servable: false,
    details: {
      closesAt: new Date(status.closesAt).toISOString(),
      estimatedWaitMinutes: Math.round(forecast.waitMinutes),
      expectedDoneAt: new Date(doneAt).toISOString(),
      opensAt: opensAt === null ? null : new Date(opensAt).toISOString(),
    },
  };
}

/**
 * Kuota dinamis: with the service's option on, refuses a ticket the forecast says cannot be
 * served before closing (409 `cannot_serve_today`), rather than take a number from someone
 * who would wait all day and be sent home at the end-of-day step.
 */
export function assertCanServeToday(
  enabled: boolean,
  calendar: OfficeCalendar,
  now: number,
  forecast: { waitMinutes: number | null; serviceMinutes: number },
): void {
  if (!enabled) return;
  const verdict = servableToday(calendar, now, forecast);
  if (verdict.servable) return;
  throw new RuleError(
    'cannot_serve_today',
    `A ticket taken now would not be served before the office closes at ${verdict.details.closesAt} (expected done ${verdict.details.expectedDoneAt})`,
    verdict.details,
  );
}

/** Refuses a cut-off as long as the office's longest opening day or longer (400 `cutoff_too_long`): it would never issue. */
export function assertCutoffFits(cutoffMinutes: number, openingHours: readonly OpeningHours[]): void {
  const longest = longestOpeningMinutes(openingHours);
  if (openingHours.length === 0 || cutoffMinutes < longest) return;
  throw new RuleError('cutoff_too_long', `A cut-off of ${cutoffMinutes} minutes is not shorter than the longest opening day (${longest} minutes)`, [
    { field: 'issueCutoffMinutes', problems: [`must be shorter than the longest opening day, ${longest} minutes`] },
  ]);
}

/**
 * Refuses new weekly hours under which some service's cut-off would be as long as the longest
 * opening day or longer (400 `cutoff_too_long`, naming the services): changing the hours must
 * not leave a service that can never issue. An office without hours keeps no cut-off.
 */
export function assertCutoffsFitHours(services: readonly { code: string; issueCutoffMinutes: number }[], openingHours: readonly OpeningHours[]): void {
  if (openingHours.length === 0) return;
  const longest = longestOpeningMinutes(openingHours);
  const over = services.filter((service) => service.issueCutoffMinutes >= longest);
  if (over.length === 0) return;
  const named = over.map((service) => `${service.code} (${service.issueCutoffMinutes} min)`).join(', ');
  throw new RuleError('cutoff_too_long', `The longest opening day would be ${longest} minutes, not longer than the cut-off of ${named}`, [
    { field: 'openingHours', problems: [`the longest day must be longer than the cut-off of ${named}`] },
  ]);
}

/** A closure as the admin screen lists it. */
export interface ClosureView {
  id: string;
  startsAt: string;
  endsAt: string;
  reason: string;
}

/** The office's calendar as the admin screen shows it: its own days, its closures not yet over, the seeded national list. */
export interface AdminCalendarView {
  officeId: string;
  /** The server's now when read: what "coming months" and "running" are measured from, whatever the admin's PC says. */
  at: string;
  ownDays: OfficeOwnDay[];
  closures: ClosureView[];
  nationalHolidays: readonly NationalHoliday[];
  /** The decrees the national list comes from. */
  sources: readonly HolidaySource[];
}

/**
 * Refuses an own day that makes no sense: marking open a day that is no national holiday
 * (400 validation_failed), or a holiday on a day already a national holiday (409 holiday_exists).
 * A second own entry for the same day is refused by the database's unique key, with the same code.
 */
export function assertOwnDayAllowed(entry: OfficeOwnDay, nationalHoliday: (day: string) => NationalHoliday | null = nationalHolidayOn): void {
  const national = nationalHoliday(entry.day);
  if (entry.kind === 'open' && !national) {
    throw new RuleError('validation_failed', `${entry.day} is no national holiday: there is nothing to open`, [
      { field: 'day', problems: ['only a national holiday or cuti bersama can be marked open'] },
    ]);
  }
  if (entry.kind === 'holiday' && national) {
    throw new RuleError('holiday_exists', `${entry.day} is already a national holiday (${national.name})`, [
      { field: 'day', problems: [`already ${national.name}`] },
    ]);
  }
}

/** Refuses a closure that is already over or starts in the past (400 closure_in_past); `from` may be `now` itself ("close now"). */
export function assertClosureAhead(closure: { from: number; to: number }, now: number): void {
  if (closure.to <= now || closure.from < now - MINUTE_MS) {
    throw new RuleError('closure_in_past', 'A closure cannot start or end in the past', [
      { field: closure.to <= now ? 'endsAt' : 'startsAt', problems: ['must not be in the past'] },
    ]);
  }
  if (closure.to <= closure.from) {
    throw new RuleError('validation_failed', 'A closure must end after it starts', [{ field: 'endsAt', problems: ['must be after startsAt'] }]);
  }
}

/**
 * How many waiting citizens a closure would leave unserved: today's waiting tickets when it
 * begins before today ends, none when it begins on a later day (a ticket is for its own day).
 */
export function waitingHitBy(closureFrom: number, now: number, timeZone: string, waiting: number): number {
  const endOfToday = localTimeToInstant(nextDay(serviceDay(now, timeZone)), '00:00', timeZone);
  return closureFrom < endOfToday ? waiting : 0;
}

/** Who a closure (or an own holiday) leaves unserved: today's waiting tickets and the bookings inside it. */
export interface ClosureHit {
  waiting: number;
  bookings: number;
}

/**
 * Whether an own holiday on `day` hits today's waiting tickets: only when it is today (a ticket
 * is for its own day). Its bookings are those of that day, counted by the caller.
 */
export function waitingHitByDay(day: string, now: number, timeZone: string, waiting: number): number {
  return day === serviceDay(now, timeZone) ? waiting : 0;
}

/**
 * Refuses to close the office over citizens still waiting or booked unless the admin confirmed
 * it (409 closure_needs_confirmation, with how many of each): nobody is dropped silently. Once
 * confirmed, each is told (`office.closed_unexpectedly`) and their phone page shows the closure.
 */
export function assertClosureConfirmed(hit: ClosureHit, confirmed: boolean): void {
  if ((hit.waiting === 0 && hit.bookings === 0) || confirmed) return;
  throw new RuleError(
    'closure_needs_confirmation',
    `${hit.waiting} tickets are still waiting and ${hit.bookings} bookings fall in it; send confirm: true to close anyway`,
    { waiting: hit.waiting, bookings: hit.bookings },
  );
}

/** The closed stretch of an own holiday, for the notification: the office-local day, midnight to midnight. */
export function dayStretch(day: string, timeZone: string): Interval {
  return { from: localTimeToInstant(day, '00:00', timeZone), to: localTimeToInstant(nextDay(day), '00:00', timeZone) };
}

/** What ending a closure early does: one already begun ends now; one not yet begun is called off. */
export type ClosureEnding = { kind: 'ended'; at: number } | { kind: 'called_off' };

/** Ends a closure early at `now`; one already over is refused (409 closure_over): there is nothing left to end. */
export function endClosureEarly(closure: { from: number; to: number }, now: number): ClosureEnding {
  if (closure.to <= now) throw new RuleError('closure_over', 'This closure is already over', { endsAt: new Date(closure.to).toISOString() });
  return closure.from < now ? { kind: 'ended', at: now } : { kind: 'called_off' };
}

/** A closure (or an own holiday) as a citizen waiting or booked is told of it: when, and why. */
export interface ClosureNotice {
  startsAt: string;
  endsAt: string;
  reason: string;
}

/**
 * The closure that takes away all or part of [from, to), the earliest if several, or else the
 * holiday the office keeps on `from`'s day while its weekly hours would have it open: what
 * the phone page of a citizen waiting or booked then shows, with its reason. Null when none.
 */
export function closureDuring(calendar: OfficeCalendar, from: number, to: number): ClosureNotice | null {
  const closure = calendar.closures.filter((entry) => entry.from < to && entry.to > from).sort((a, b) => a.from - b.from)[0];
  if (closure) return { startsAt: new Date(closure.from).toISOString(), endsAt: new Date(closure.to).toISOString(), reason: closure.reason };
  if (!keepsHours(calendar)) return null;
  const day = serviceDay(from, calendar.timeZone);
  const hours = dayHours(calendar, day);
  if (!hours.holiday || !hours.scheduled) return null;
  const stretch = dayStretch(day, calendar.timeZone);
  return { startsAt: new Date(stretch.from).toISOString(), endsAt: new Date(stretch.to).toISOString(), reason: hours.holiday.name };
}

/** The rest of today (office-local) from `now`, for `closureDuring`. */
export function restOfToday(calendar: Pick<OfficeCalendar, 'timeZone'>, now: number): Interval {
  return { from: now, to: localTimeToInstant(nextDay(serviceDay(now, calendar.timeZone)), '00:00', calendar.timeZone) };
}

/**
 * What the public screens know of the calendar before anyone taps (the office snapshot):
 * the kiosk shows "Kantor tutup — buka lagi …" instead of its tiles, the board a line.
 */
export interface OfficeOpenState {
  open: boolean;
  /** Open: when it closes (null: no closing planned, a 24-hour office). Closed: null. */
  closesAt: string | null;
  /** Closed: when it opens again (null: not within the search). Open: null. */
  opensAt: string | null;
  /** Closed: why; null while open. */
  reason: Exclude<ClosedReason['kind'], 'cutoff'> | null;
  /** The holiday's name or the closure's reason, when closed for one. */
  reasonText: string | null;
  /** Today's holiday the office observes (national or its own), open or not. */
  holidayToday: string | null;
  /** A closure (or own holiday) over the rest of today, running or still to come: the phone page of a waiting citizen shows it. */
  closureToday: ClosureNotice | null;
}

export function officeOpenState(calendar: OfficeCalendar, now: number): OfficeOpenState {
  const status = officeStatus(calendar, now);
  const holidayToday = keepsHours(calendar) ? (todaysHours(calendar, now).holiday?.name ?? null) : null;
  const rest = restOfToday(calendar, now);
  const closureToday = closureDuring(calendar, rest.from, rest.to);
  if (status.open) {
    return {
      open: true,
      closesAt: status.closesAt === null ? null : new Date(status.closesAt).toISOString(),
      opensAt: null,
      reason: null,
      reasonText: null,
      holidayToday,
      closureToday,
    };
  }
  const details = closedDetails(status);
  // officeStatus never closes for the cut-off (that is issuingStatus's): the cast only narrows the type.
  return {
    open: false,
    closesAt: null,
    opensAt: details.opensAt,
    reason: details.reason as OfficeOpenState['reason'],
    reasonText: details.reasonText,
    holidayToday,
    closureToday,
  };
}
