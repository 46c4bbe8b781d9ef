/**
 * What the API does by itself to a counter nobody is minding (docs/domain.md, counter
 * sessions): an open counter whose desk has stopped answering is paused as `offline`, so
 * the board stops promising "langsung dilayani"; a counter still open or paused past the
 * end of its scheduled shift plus a grace is closed. Pure: times are epoch milliseconds.
 */
import { scheduledHours } from './counter-schedule.js';
import { MINUTE_MS, serviceDay } from './time.js';
import type { OpeningHours } from './views.js';

export const DEFAULT_OFFLINE_AFTER_MINUTES = 5;
export const DEFAULT_SHIFT_END_GRACE_MINUTES = 30;

/** How often the desk tells the API it is still there; well inside the shortest offline setting (1 min). */
export const HEARTBEAT_SECONDS = 30;

export interface UpkeepSession {
  state: 'open' | 'paused';
  openedAt: number;
  /** The desk's last heartbeat (or the opening, before the first one). */
  lastSeenAt: number;
  /** A ticket is called to or served at the counter: never paused or closed under a citizen. */
  busy: boolean;
}

export interface UpkeepSettings {
  /** The counter's weekly schedule (the office's opening hours when it has none). */
  schedule: readonly OpeningHours[];
  timeZone: string;
  offlineAfterMinutes: number;
  shiftEndGraceMinutes: number;
}

export type UpkeepAction = 'close' | 'pause_offline';

/**
 * When a session opened within its scheduled shift must close: the shift's end plus the
 * grace. Null when it has no such end: no schedule that day, or opened after the shift ended
 * (overtime someone chose; it still closes once the office day is over).
 */
export function shiftCloseAt(openedAt: number, settings: Pick<UpkeepSettings, 'schedule' | 'timeZone' | 'shiftEndGraceMinutes'>): number | null {
  const hours = scheduledHours(settings.schedule, settings.timeZone, openedAt);
  if (!hours || openedAt >= hours.to) return null;
  return hours.to + settings.shiftEndGraceMinutes * MINUTE_MS;
}

/** What the sweep does to one session at `now`, or null to leave it be. */
export function sessionUpkeep(session: UpkeepSession, settings: UpkeepSettings, now: number): UpkeepAction | null {
  if (session.busy) return null;
  const closeAt = shiftCloseAt(session.openedAt, settings);
  const anotherDay = serviceDay(session.openedAt, settings.timeZone) !== serviceDay(now, settings.timeZone);
  if (anotherDay || (closeAt !== null && now >= closeAt)) return 'close';
  if (session.state === 'open' && now - session.lastSeenAt >= settings.offlineAfterMinutes * MINUTE_MS) return 'pause_offline';
  return null;
}
