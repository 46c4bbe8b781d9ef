/**
 * The punctuality and promptness measures of a counter (docs/domain.md): late opening, early
 * closing and break overrun against its weekly schedule, and idle while waiting. Pure:
 * events and `now` come in as parameters; times are epoch milliseconds, durations minutes.
 */
import type { TicketEventRecord } from './measures.js';
import type { CounterEventType } from './realtime.js';
import type { CounterScheduleDay, OpeningHours, PauseReason } from './views.js';
import { MINUTE_MS, minutesBetween, serviceDay } from './time.js';

export const DEFAULT_OPENING_GRACE_MINUTES = 5;

/** How long each kind of pause may last before it counts as an overrun; null: never an overrun (not the officer's doing). */
export const DEFAULT_ALLOWED_BREAK_MINUTES: Readonly<Record<PauseReason, number | null>> = {
  ishoma: 60,
  briefing: 15,
  system_down: null,
  other: 15,
  // The desk stopped answering: the supervisor sees it as offline, not as a long break.
  offline: null,
};

export interface CounterSessionEventRecord {
  type: CounterEventType;
  at: number;
  reason?: string | null;
}

export interface Interval {
  from: number;
  to: number;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in milliseconds. */
function zoneOffset(at: number, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(at).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * Instants already worked out, by zone, day and time: a booking's checks ask for the same few
 * (the day's opening, its slots, the cut-off) again and again, and each costs two `formatToParts`.
 * The answer depends on its arguments alone (and the runtime's zone data), so keeping it is safe;
 * the map is emptied when full, which bounds it whatever days callers ask about.
 */
const instants = new Map<string, number>();
const INSTANTS_KEPT = 10_000;

/** The instant of a wall-clock time (`HH:MM`) on an office-local day (`YYYY-MM-DD`). */
export function localTimeToInstant(day: string, time: string, timeZone: string): number {
  const key = `${timeZone}|${day}|${time}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const instant = computeLocalTimeToInstant(day, time, timeZone);
  if (instants.size >= INSTANTS_KEPT) instants.clear();
  instants.set(key, instant);
  return instant;
}

function computeLocalTimeToInstant(day: string, time: string, timeZone: string): number {
  const [year, month, date] = day.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const guess = Date.UTC(year, month - 1, date, hour, minute);
  const first = guess - zoneOffset(guess, timeZone);
  // A second pass settles the rare case where the offset changes between guess and result.
  return guess - zoneOffset(first, timeZone);
}

/** ISO weekday (1 Monday … 7 Sunday) of an office-local day. */
export function isoWeekday(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The scheduled hours of a counter on the office-local day of `at`, or null when it is not scheduled that day. */
export function scheduledHours(schedule: readonly OpeningHours[], timeZone: string, at: number, scheduledSince: number | null = null): Interval | null {
  const day = serviceDay(at, timeZone);
  const hours = schedule.find((entry) => entry.weekday === isoWeekday(day));
  if (!hours) return null;
  const from = localTimeToInstant(day, hours.opens, timeZone);
  const to = localTimeToInstant(day, hours.closes, timeZone);
  // A counter is held to its schedule only from when it got one: Loket 7 added at 08:08 is
  // expected from 08:08, not late since 08:00; added after the day's hours, not at all that day.
  if (scheduledSince === null || scheduledSince <= from) return { from, to };
  return scheduledSince < to ? { from: scheduledSince, to } : null;
}

/**
 * The planned breaks (ishoma, the Friday prayer) of a counter on the office-local day of `at`,
 * as instants in time order; none on a day it is not scheduled, and none that ended before
 * the counter got its schedule (`scheduledSince`).
 */
export function plannedBreaks(schedule: readonly CounterScheduleDay[], timeZone: string, at: number, scheduledSince: number | null = null): Interval[] {
  const day = serviceDay(at, timeZone);
  const hours = schedule.find((entry) => entry.weekday === isoWeekday(day));
  if (!hours?.breaks?.length) return [];
  return hours.breaks
    .map((window) => ({ from: localTimeToInstant(day, window.from, timeZone), to: localTimeToInstant(day, window.to, timeZone) }))
    .filter((window) => window.to > window.from && (scheduledSince === null || window.to > scheduledSince))
    .sort((a, b) => a.from - b.from);
}

/** Minutes of the planned breaks that fall between `from` and `to`. */
export function plannedMinutesBetween(breaks: readonly Interval[], from: number, to: number): number {
  if (to <= from) return 0;
  return totalMinutes(intersectIntervals([{ from, to }], breaks));
}

/** The planned break going on at `at`, if any. */
export function plannedBreakAt(breaks: readonly Interval[], at: number): Interval | null {
  return breaks.find((window) => window.from <= at && at < window.to) ?? null;
}

export interface PauseMeasure {
  reason: string | null;
  /** The pause was (part of) a planned break: its allowed length is what is left of that break. */
  planned: boolean;
  from: number;
  /** Null while the counter is still paused; the length then runs to `now`. */
  to: number | null;
  minutes: number;
  allowedMinutes: number | null;
  overrunMinutes: number;
}

export interface CounterDayMeasures {
  scheduled: Interval | null;
  firstOpenedAt: number | null;
  /** Opened − scheduled opening when that is beyond the grace, else 0. */
  lateOpeningMinutes: number;
  lastClosedAt: number | null;
  /** Scheduled closing − closed, when the counter closed for the day before its schedule and did not reopen; else 0. */
  earlyClosingMinutes: number;
  pauses: PauseMeasure[];
  breakOverrunMinutes: number;
  /** The intervals the counter was open (not paused, not closed). */
  open: Interval[];
  /** The day's planned breaks (`plannedBreaks`): no late opening, early closing or idle time is counted in them. */
  plannedBreaks: Interval[];
}

/**
 * A counter's day from its session events (every session of that day, in recorded order):
 * late opening beyond `graceMinutes`, early closing, each pause against its allowed length.
 *
 * Planned breaks are scheduled pauses (docs/domain.md, "Planned breaks"): a pause the officer
 * takes that overlaps one is allowed that break's length (shared by every pause taken in it,
 * so a break split in two is allowed the break once), whatever its reason would allow alone;
 * beyond it, the overrun is measured as for any pause. A pause that is not the officer's
 * doing (a system fault, offline) never overruns, planned break or not. The minutes of planned
 * breaks never count towards a late opening or an early closing.
 */
export function counterDayMeasures(
  events: readonly CounterSessionEventRecord[],
  schedule: readonly CounterScheduleDay[],
  timeZone: string,
  now: number,
  options: { graceMinutes?: number; allowedBreakMinutes?: Readonly<Record<string, number | null>>; scheduledSince?: number | null } = {},
): CounterDayMeasures {
  const grace = options.graceMinutes ?? DEFAULT_OPENING_GRACE_MINUTES;
  const allowed: Readonly<Record<string, number | null>> = options.allowedBreakMinutes ?? DEFAULT_ALLOWED_BREAK_MINUTES;
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const firstOpen = sorted.find((event) => event.type === 'opened');
  const scheduled = scheduledHours(schedule, timeZone, firstOpen?.at ?? now, options.scheduledSince ?? null);
  const planned = plannedBreaks(schedule, timeZone, firstOpen?.at ?? now, options.scheduledSince ?? null);
  // Minutes of each planned break already allowed to earlier pauses taken in it.
  const used = planned.map(() => 0);

  const open: Interval[] = [];
  const pauses: PauseMeasure[] = [];
  let openSince: number | null = null;
  let pause: { reason: string | null; from: number } | null = null;
  const endPause = (at: number | null) => {
    if (!pause) return;
    const end = at ?? now;
    const minutes = minutesBetween(pause.from, end);
    const ownAllowance = pause.reason && pause.reason in allowed ? allowed[pause.reason] : null;
    const window = ownAllowance === null ? -1 : planned.findIndex((w) => pause!.from < w.to && end > w.from);
    let allowedMinutes = ownAllowance;
    if (window >= 0) {
      const length = minutesBetween(planned[window].from, planned[window].to);
      allowedMinutes = Math.max(0, length - used[window]);
      used[window] += Math.min(minutes, allowedMinutes);
    }
    pauses.push({
      ...pause,
      planned: window >= 0,
      to: at,
      minutes,
      allowedMinutes,
      overrunMinutes: allowedMinutes === null ? 0 : Math.max(0, minutes - allowedMinutes),
    });
    pause = null;
  };
  let lastClosedAt: number | null = null;
  for (const event of sorted) {
    switch (event.type) {
      case 'opened':
      case 'resumed':
        endPause(event.at);
        openSince ??= event.at;
        lastClosedAt = null;
        break;
      case 'paused':
        if (openSince !== null) open.push({ from: openSince, to: event.at });
        openSince = null;
        pause = { reason: event.reason ?? null, from: event.at };
        break;
      case 'closed':
        if (openSince !== null) open.push({ from: openSince, to: event.at });
        openSince = null;
        endPause(event.at);
        lastClosedAt = event.at;
        break;
    }
  }
  if (openSince !== null && now > openSince) open.push({ from: openSince, to: now });
  endPause(null);

  const late = firstOpen && scheduled ? minutesBetween(scheduled.from, firstOpen.at) - plannedMinutesBetween(planned, scheduled.from, firstOpen.at) : 0;
  const early =
    lastClosedAt !== null && scheduled ? minutesBetween(lastClosedAt, scheduled.to) - plannedMinutesBetween(planned, lastClosedAt, scheduled.to) : 0;
  return {
    scheduled,
    firstOpenedAt: firstOpen?.at ?? null,
    lateOpeningMinutes: late > grace ? late : 0,
    lastClosedAt,
    earlyClosingMinutes: early > 0 ? early : 0,
    pauses,
    breakOverrunMinutes: pauses.reduce((sum, p) => sum + p.overrunMinutes, 0),
    open,
    plannedBreaks: planned,
  };
}

/** Sorted, non-overlapping union of intervals (empty ones dropped). */
export function unionIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.to > i.from).sort((a, b) => a.from - b.from);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.from <= last.to) last.to = Math.max(last.to, interval.to);
    else merged.push({ ...interval });
  }
  return merged;
}

export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const left = unionIntervals(a);
  const right = unionIntervals(b);
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const from = Math.max(left[i].from, right[j].from);
    const to = Math.min(left[i].to, right[j].to);
    if (to > from) out.push({ from, to });
    if (left[i].to < right[j].to) i += 1;
    else j += 1;
  }
  return out;
}

export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const cut = unionIntervals(b);
  const out: Interval[] = [];
  for (const interval of unionIntervals(a)) {
    let from = interval.from;
    for (const c of cut) {
      if (c.to <= from || c.from >= interval.to) continue;
      if (c.from > from) out.push({ from, to: c.from });
      from = Math.max(from, c.to);
    }
    if (from < interval.to) out.push({ from, to: interval.to });
  }
  return out;
}

export function totalMinutes(intervals: readonly Interval[]): number {
  return unionIntervals(intervals).reduce((sum, i) => sum + (i.to - i.from), 0) / MINUTE_MS;
}

/**
 * When one ticket was waiting in a queue among `serviceIds`: from issue, a transfer into
 * such a service, a return or a reinstatement, to its call, cancellation or transfer out.
 */
export function waitingIntervals(events: readonly TicketEventRecord[], serviceIds: readonly string[], now: number): Interval[] {
  const out: Interval[] = [];
  let since: number | null = null;
  for (const event of [...events].sort((a, b) => a.at - b.at)) {
    const served = serviceIds.includes(event.serviceId);
    switch (event.type) {
      case 'issued':
      case 'returned':
      case 'reinstated':
        if (served) since ??= event.at;
        break;
      case 'transferred':
        if (since !== null) out.push({ from: since, to: event.at });
        since = served ? event.at : null;
        break;
      case 'called':
      case 'cancelled':
      case 'closed_end_of_day':
        if (since !== null) out.push({ from: since, to: event.at });
        since = null;
        break;
      // Named so that a new event type fails lint here until someone decides what it means for waiting.
      case 'recalled':
      case 'started':
      case 'finished':
      case 'no_show':
      case 'no_show_undone':
        break;
    }
  }
  if (since !== null && now > since) out.push({ from: since, to: now });
  return out;
}

/** When a ticket occupied a counter: from its call there to its finish, no-show, return or transfer. */
export function busyIntervals(events: readonly TicketEventRecord[], now: number): Interval[] {
  const out: Interval[] = [];
  let since: number | null = null;
  for (const event of [...events].sort((a, b) => a.at - b.at)) {
    // An undone no-show holds the counter again from the undo (the few seconds between were free).
    if (event.type === 'called' || event.type === 'no_show_undone') since ??= event.at;
    else if (event.type === 'finished' || event.type === 'no_show' || event.type === 'returned' || event.type === 'transferred') {
      if (since !== null) out.push({ from: since, to: event.at });
      since = null;
    }
  }
  if (since !== null && now > since) out.push({ from: since, to: now });
  return out;
}

/**
 * When a counter was idle while waiting (promptness): open, neither calling nor serving
 * anyone, while at least one ticket it could serve was waiting, and not on a planned break
 * (an officer who stays at the desk over ishoma is not idle for it).
 */
export function idleWhileWaitingIntervals(input: {
  open: readonly Interval[];
  busy: readonly Interval[];
  waiting: readonly Interval[];
  plannedBreaks?: readonly Interval[];
}): Interval[] {
  return subtractIntervals(intersectIntervals(input.open, input.waiting), [...input.busy, ...(input.plannedBreaks ?? [])]);
}

/** Idle while waiting, in minutes (`idleWhileWaitingIntervals`). */
export function idleWhileWaitingMinutes(input: {
  open: readonly Interval[];
  busy: readonly Interval[];
  waiting: readonly Interval[];
  plannedBreaks?: readonly Interval[];
}): number {
  return totalMinutes(idleWhileWaitingIntervals(input));
}
