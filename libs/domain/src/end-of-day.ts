/**
 * The end-of-day step (issue 16): tickets still waiting when the office's day is over are
 * closed by an explicit step, never left waiting into the next day and never dropped
 * silently. A supervisor confirms it, seeing how many still wait, or the API's sweep runs it
 * once the day has been over for a grace. Each such ticket ends `closed_end_of_day` with an
 * event of that name, and reports count them (`OUTCOMES`). Pure: `now` is a parameter.
 */
import { type OfficeCalendar, keepsHours, officeStatus, todaysHours } from './calendar.js';
import { localTimeToInstant } from './counter-schedule.js';
import { RuleError } from './errors.js';
import { MINUTE_MS } from './time.js';

/** How long after the office's day ends the sweep closes what still waits, when no supervisor did. */
export const DEFAULT_END_OF_DAY_GRACE_MINUTES = 30;

/**
 * When the office's service day of `now` ended: the end of today's last open stretch once it
 * is past; the start of the day when the office does not open today (a holiday, a weekend,
 * a closure all day); null while it is open or opens again later today. An office without
 * opening hours has no end of day of its own: its day is over only while a closure holds.
 */
export function dayEndedAt(calendar: OfficeCalendar, now: number): number | null {
  if (!keepsHours(calendar)) return officeStatus(calendar, now).open ? null : now;
  const today = todaysHours(calendar, now);
  const last = today.open.at(-1);
  if (!last) return localTimeToInstant(today.day, '00:00', calendar.timeZone);
  return now >= last.to ? last.to : null;
}

/** What the supervisor's end-of-day control shows. */
export interface EndOfDayView {
  /** Tickets still waiting from today or earlier: what the step would close. */
  waiting: number;
  /** ISO instant the office's day ended; null while it is not over. */
  dayEndedAt: string | null;
  /** ISO instant the sweep closes what still waits, if nobody does before; null when it never does by itself. */
  automaticAt: string | null;
  /** The step may run now: the day is over and someone still waits. */
  canClose: boolean;
}

export function endOfDayView(calendar: OfficeCalendar, now: number, waiting: number, graceMinutes = DEFAULT_END_OF_DAY_GRACE_MINUTES): EndOfDayView {
  const ended = dayEndedAt(calendar, now);
  const automatic = ended !== null && keepsHours(calendar) ? ended + graceMinutes * MINUTE_MS : null;
  return {
    waiting,
    dayEndedAt: ended === null ? null : new Date(ended).toISOString(),
    automaticAt: automatic === null ? null : new Date(automatic).toISOString(),
    canClose: ended !== null && waiting > 0,
  };
}

/**
 * Whether the sweep closes the office's waiting tickets of the day of `now` by itself: its
 * day ended at least `graceMinutes` ago. (Tickets of an earlier day are always past theirs.)
 */
export function endOfDayDue(calendar: OfficeCalendar, now: number, graceMinutes = DEFAULT_END_OF_DAY_GRACE_MINUTES): boolean {
  if (!keepsHours(calendar)) return false;
  const ended = dayEndedAt(calendar, now);
  return ended !== null && now >= ended + graceMinutes * MINUTE_MS;
}

/**
 * Refuses the supervisor's step while the office's day is not over (409 day_not_over, with
 * when it closes): a citizen waiting at 14:00 is still to be served.
 */
export function assertDayOver(calendar: OfficeCalendar, now: number): void {
  if (dayEndedAt(calendar, now) !== null) return;
  const status = officeStatus(calendar, now);
  const closesAt = status.open ? status.closesAt : (todaysHours(calendar, now).open.at(-1)?.to ?? null);
  throw new RuleError('day_not_over', 'The office’s day is not over yet; waiting tickets can be closed once it closes', {
    closesAt: closesAt === null ? null : new Date(closesAt).toISOString(),
  });
}

/**
 * Refuses the step when the supervisor confirmed another number than still waits (409
 * end_of_day_count_changed, with the number now): someone was called or came in between,
 * and the supervisor confirms what is closed, not a guess.
 */
export function assertEndOfDayCount(confirmed: number, waiting: number): void {
  if (confirmed === waiting) return;
  throw new RuleError('end_of_day_count_changed', `${waiting} tickets wait now, not ${confirmed}; confirm again`, { waiting });
}
