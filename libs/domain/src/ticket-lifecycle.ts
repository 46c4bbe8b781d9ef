import { DomainError, RuleError } from './errors.js';
import { MINUTE_MS } from './time.js';
import type { TicketEventType } from './realtime.js';

export const TicketStatus = {
  waiting: 'waiting',
  called: 'called',
  serving: 'serving',
  done: 'done',
  noShow: 'no_show',
  cancelled: 'cancelled',
  /** Still waiting when the office's day ended: closed by the end-of-day step (`end-of-day.ts`), never served. */
  closedEndOfDay: 'closed_end_of_day',
} as const;
export type TicketStatus = (typeof TicketStatus)[keyof typeof TicketStatus];
export const TICKET_STATUSES: readonly TicketStatus[] = Object.values(TicketStatus);

export const TicketAction = {
  call: 'call',
  recall: 'recall',
  start: 'start',
  finish: 'finish',
  return: 'return',
  noShow: 'no_show',
  reinstate: 'reinstate',
  undoNoShow: 'undo_no_show',
  transfer: 'transfer',
  cancel: 'cancel',
} as const;
export type TicketAction = (typeof TicketAction)[keyof typeof TicketAction];
export const TICKET_ACTIONS: readonly TicketAction[] = Object.values(TicketAction);

/** The lifecycle of docs/domain.md: every legal move, and nothing else. */
const TRANSITIONS: Readonly<Record<TicketStatus, Partial<Record<TicketAction, TicketStatus>>>> = {
  waiting: { call: 'called', cancel: 'cancelled' },
  called: { recall: 'called', start: 'serving', return: 'waiting', no_show: 'no_show' },
  serving: { finish: 'done', transfer: 'waiting' },
  // Undo puts a no-show marked by mistake back where it was: called, at the same counter.
  no_show: { reinstate: 'waiting', undo_no_show: 'called' },
  done: {},
  cancelled: {},
  // Set by the end-of-day step alone (`closeAtEndOfDay`), never by a ticket action; final.
  closed_end_of_day: {},
};

export class IllegalTransitionError extends DomainError {
  readonly code = 'illegal_transition';

  constructor(
    readonly status: TicketStatus,
    readonly action: TicketAction,
  ) {
    super(`Cannot ${action.replace('_', '-')} a ticket that is ${status.replace('_', '-')}`, { status, action });
  }
}

export class ReinstateExpiredError extends DomainError {
  readonly code = 'reinstate_expired';

  constructor(ticketDay: string, today: string) {
    super(`A no-show ticket can only be reinstated on the day it was issued (${ticketDay}); today is ${today}`, {
      ticketDay,
      today,
    });
  }
}

/** The status a ticket moves to; throws `IllegalTransitionError` naming the current status otherwise. */
export function nextStatus(status: TicketStatus, action: TicketAction): TicketStatus {
  const to = TRANSITIONS[status][action];
  if (to === undefined) throw new IllegalTransitionError(status, action);
  return to;
}

export function canTransition(status: TicketStatus, action: TicketAction): boolean {
  return TRANSITIONS[status][action] !== undefined;
}

/** The actions legal from a status, in a stable order (the counter app enables exactly these). */
export function legalActions(status: TicketStatus): TicketAction[] {
  return TICKET_ACTIONS.filter((action) => canTransition(status, action));
}

/** A no-show may be reinstated the same office day only. */
export function assertReinstatable(ticketDay: string, today: string): void {
  if (ticketDay !== today) throw new ReinstateExpiredError(ticketDay, today);
}

export function isOpenStatus(status: TicketStatus): boolean {
  return status === 'waiting' || status === 'called' || status === 'serving';
}

/** How long after the last call a ticket may be marked no-show, unless the office sets otherwise. */
export const DEFAULT_NO_SHOW_AFTER_MINUTES = 2;

/** How long the desk offers to undo a no-show ("Batalkan"). */
export const NO_SHOW_UNDO_SECONDS = 10;

/**
 * The API accepts an undo a little longer than the desk offers it: the desk counts its
 * seconds from when the no-show's answer arrived, the API from when it was written.
 */
export const NO_SHOW_UNDO_GRACE_SECONDS = 5;

/** The instant from which a ticket last called at `calledAt` may be marked no-show (epoch ms). */
export function noShowAllowedAt(calledAt: number, afterMinutes: number): number {
  return calledAt + afterMinutes * MINUTE_MS;
}

/**
 * A citizen gets `afterMinutes` from the last call (a recall counts as a call) to reach the
 * counter before they may be marked no-show: refused with `no_show_too_soon` before that,
 * with the instant it becomes possible and the seconds left.
 */
export function assertNoShowAllowed(calledAt: number, now: number, afterMinutes: number): void {
  const allowedAt = noShowAllowedAt(calledAt, afterMinutes);
  if (now >= allowedAt) return;
  const secondsLeft = Math.ceil((allowedAt - now) / 1000);
  throw new RuleError('no_show_too_soon', `A ticket can be marked no-show ${afterMinutes} min after its last call; ${secondsLeft} s to go`, {
    allowedAt: new Date(allowedAt).toISOString(),
    secondsLeft,
    afterMinutes,
  });
}

/**
 * A no-show can be undone within `NO_SHOW_UNDO_SECONDS` (plus the grace) of being marked,
 * by the counter that marked it; after that it is final for the desk, and the ticket comes
 * back only through reinstatement (the "tidak hadir hari ini" list).
 */
export function assertNoShowUndoable(noShowAt: number, now: number): void {
  const until = noShowAt + (NO_SHOW_UNDO_SECONDS + NO_SHOW_UNDO_GRACE_SECONDS) * 1000;
  if (now <= until) return;
  throw new RuleError('undo_expired', `A no-show can be undone for ${NO_SHOW_UNDO_SECONDS} s only; reinstate the ticket instead`, {
    noShowAt: new Date(noShowAt).toISOString(),
  });
}

/**
 * The events that take a no-show back: the officer's undo within seconds (`no_show_undone`)
 * and a reinstatement from the "tidak hadir hari ini" list (`reinstated`).
 *
 * The rule every no-show figure follows: **a ticket counts as a no-show only when its final
 * outcome is a no-show**, that is by a no-show event that none of these follows. A ticket
 * reinstated and then served counts once, as served; one reinstated and then a no-show again
 * counts once, as a no-show, for the counter and officer of the last one. The report's SQL
 * (`outcomeCounts`), the forecast's no-show share (SQL and `supervisionForecastInput`) read
 * the same list.
 */
export const NO_SHOW_REVERSALS = ['no_show_undone', 'reinstated'] as const satisfies readonly TicketEventType[];

/** Whether the event is one of `NO_SHOW_REVERSALS`. */
export function reversesNoShow(type: string): boolean {
  return (NO_SHOW_REVERSALS as readonly string[]).includes(type);
}

/** Whether the no-show at `index` of a ticket's chronological events stands: no undo or reinstatement follows it. */
export function noShowStands(sorted: readonly { type: string }[], index: number): boolean {
  return !sorted.slice(index + 1).some((event) => reversesNoShow(event.type));
}
