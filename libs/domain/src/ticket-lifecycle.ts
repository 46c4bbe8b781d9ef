import { DomainError } from './errors.js';

export const TicketStatus = {
  waiting: 'waiting',
  called: 'called',
  serving: 'serving',
  done: 'done',
  noShow: 'no_show',
  cancelled: 'cancelled',
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
  no_show: { reinstate: 'waiting' },
  done: {},
  cancelled: {},
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
