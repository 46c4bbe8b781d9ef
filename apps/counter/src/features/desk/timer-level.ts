import type { TicketStatus } from '@loket/domain';

export type TimerLevel = 'ok' | 'amber' | 'red';

/** Share of the standard service time after which the timer turns amber (red once it is exceeded). */
export const AMBER_SHARE = 0.8;
/**
 * A called citizen should reach the counter within a couple of minutes; past these the
 * officer recalls or marks a no-show (walk-up time, docs/domain.md).
 */
export const WALK_UP_AMBER_MINUTES = 2;
export const WALK_UP_RED_MINUTES = 5;

/** The colour of the desk timer: service time against the service's standard, walk-up time against the limits above. */
export function timerLevel(status: TicketStatus, elapsedMinutes: number, standardMinutes: number | null): TimerLevel {
  if (status === 'serving') {
    if (standardMinutes === null) return 'ok';
    if (elapsedMinutes > standardMinutes) return 'red';
    return elapsedMinutes >= standardMinutes * AMBER_SHARE ? 'amber' : 'ok';
  }
  if (status === 'called') {
    if (elapsedMinutes >= WALK_UP_RED_MINUTES) return 'red';
    return elapsedMinutes >= WALK_UP_AMBER_MINUTES ? 'amber' : 'ok';
  }
  return 'ok';
}
