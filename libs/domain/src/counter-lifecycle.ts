import { RuleError } from './errors.js';
import { formatTicketNumber } from './ticket-number.js';
import type { CounterStopNotice } from './desk-views.js';
import { serviceDay } from './time.js';
import type { CounterState, PauseReason, StaffRole } from './views.js';

/**
 * What can be done to a counter: its session moves (open, pause, resume, close) and the
 * two calls that hand it a waiting ticket (call-next, and call one ticket out of order).
 * The other ticket actions (recall, start, finish, …) act on the counter's own ticket and
 * follow the ticket's lifecycle, not the counter's.
 */
export const CounterAction = {
  open: 'open',
  pause: 'pause',
  resume: 'resume',
  close: 'close',
  callNext: 'call_next',
  call: 'call',
} as const;
export type CounterAction = (typeof CounterAction)[keyof typeof CounterAction];
export const COUNTER_ACTIONS: readonly CounterAction[] = Object.values(CounterAction);
export const COUNTER_STATES: readonly CounterState[] = ['closed', 'open', 'paused'];

/** Every legal move of a counter session, and the state it leaves the counter in; nothing else is legal. */
const COUNTER_TRANSITIONS: Readonly<Record<CounterState, Partial<Record<CounterAction, CounterState>>>> = {
  closed: { open: 'open' },
  open: { pause: 'paused', close: 'closed', call_next: 'open', call: 'open' },
  paused: { resume: 'open', close: 'closed' },
};

/**
 * The actions a counter may take only while no citizen is called to it or served at it:
 * it serves one citizen at a time, and a break or the end of a shift must not strand one.
 * Resuming needs no such check: a paused counter never holds a ticket.
 */
const NEEDS_FREE_COUNTER: ReadonlySet<CounterAction> = new Set<CounterAction>(['pause', 'close', 'call_next', 'call']);

/** The counter as a rule sees it. */
export interface CounterSubject {
  name: string;
  state: CounterState;
}

export function canCounter(state: CounterState, action: CounterAction): boolean {
  return COUNTER_TRANSITIONS[state][action] !== undefined;
}

/**
 * The actions legal from a state, in a stable order; with `busy` (a ticket is called to or
 * served at the counter), those that need a free counter are left out. The desk enables
 * exactly these.
 */
export function legalCounterActions(state: CounterState, options: { busy?: boolean } = {}): CounterAction[] {
  return COUNTER_ACTIONS.filter((action) => canCounter(state, action) && !(options.busy && NEEDS_FREE_COUNTER.has(action)));
}

export function needsFreeCounter(action: CounterAction): boolean {
  return NEEDS_FREE_COUNTER.has(action);
}

/**
 * The state `action` leaves the counter in, or a `RuleError` coded by the state that
 * refuses it: `counter_already_open` (opening or resuming a counter that is already open),
 * `counter_closed` or `counter_paused`. Its details name the state (and the session
 * action), so the desk can say what to do instead.
 */
export function nextCounterState(counter: CounterSubject, action: CounterAction): CounterState {
  const to = COUNTER_TRANSITIONS[counter.state][action];
  if (to !== undefined) return to;
  const { name, state } = counter;
  if (action === 'open') {
    return refuse('counter_already_open', `${name} is already ${state}`, { state });
  }
  if (action === 'call_next' || action === 'call') {
    return refuse(state === 'paused' ? 'counter_paused' : 'counter_closed', `${name} is ${state}; open or resume it first`, { state });
  }
  const code = state === 'open' ? 'counter_already_open' : state === 'paused' ? 'counter_paused' : 'counter_closed';
  return refuse(code, `Cannot ${action} ${name}: it is ${state}`, { state, action });
}

function refuse(code: 'counter_already_open' | 'counter_closed' | 'counter_paused', message: string, details: object): never {
  throw new RuleError(code, message, details);
}

/** An officer works only a counter whose session they opened; supervisors and admins act for any. */
export function assertSessionHolder(counter: { name: string; sessionStaffId: string | null }, staff: { id: string; role: StaffRole }): void {
  if (staff.role === 'officer' && counter.sessionStaffId !== staff.id) {
    throw new RuleError('counter_taken_by_other', `${counter.name} was opened by another officer`);
  }
}

/** The ticket a counter holds, as far as the free-counter rule needs it. */
export interface HeldTicket {
  issuedCode: string;
  number: number;
  status: string;
}

/**
 * Refuses an action that needs a free counter (see `needsFreeCounter`) while `held` is
 * called to or served at it (`counter_busy`, naming the ticket).
 */
export function assertCounterFree(counter: { name: string }, held: HeldTicket | null): void {
  if (!held) return;
  const ticket = formatTicketNumber(held.issuedCode, held.number);
  throw new RuleError('counter_busy', `${counter.name} still has ${ticket} (${held.status}): finish it, return it or mark it no-show first`, {
    ticket,
    status: held.status,
  });
}

/** A counter calls only tickets of the services it serves (`service_not_served` otherwise). */
export function assertServes(counter: { name: string; serviceIds: readonly string[] }, serviceId: string): void {
  if (!counter.serviceIds.includes(serviceId)) {
    throw new RuleError('service_not_served', `${counter.name} does not serve this ticket's service`);
  }
}

/** Whether `staff` acts on a counter whose session another person holds: a supervisor's remote pause or close. */
export function isRemoteAction(counter: { sessionStaffId: string | null }, staff: { id: string }): boolean {
  return counter.sessionStaffId !== null && counter.sessionStaffId !== staff.id;
}

/**
 * The words a pause or close must carry (`reason_required` without them): a pause for
 * "other" says what it is, and a supervisor pausing or closing another officer's counter
 * says why, for the officer and the audit trail.
 */
export function assertReasonGiven(
  counter: { name: string; sessionStaffId: string | null },
  staff: { id: string },
  action: 'pause' | 'close',
  reason: string | null,
  note: string | null | undefined,
): void {
  const given = (note ?? '').trim().length > 0;
  if (given) return;
  if (isRemoteAction(counter, staff)) {
    throw new RuleError('reason_required', `Say why you ${action} ${counter.name}: its officer and the audit trail will see it`, { field: 'note' });
  }
  if (action === 'pause' && reason === 'other') {
    throw new RuleError('reason_required', 'A pause for another reason needs a few words on what it is', { field: 'note' });
  }
}

/** A counter's latest session event, with who held that session and who acted (null: the API itself). */
export interface LastCounterEvent {
  type: 'opened' | 'paused' | 'resumed' | 'closed';
  at: Date;
  sessionStaffId: string;
  actor: { id: string; name: string; role: StaffRole } | null;
  reason: PauseReason | null;
  note: string | null;
}

/**
 * What the desk must tell its officer about the counter's latest change, at `now`: a pause or
 * close that someone else made (a supervisor from afar, or the API's own upkeep) on this
 * service day, while it is still the latest change. Null when the officer stopped it
 * themselves, when it has been worked since, or when it happened on an earlier day.
 */
export function counterStopNotice(last: LastCounterEvent | null, now: Date, timeZone: string): CounterStopNotice | null {
  if (!last || (last.type !== 'paused' && last.type !== 'closed')) return null;
  if (last.actor && last.actor.id === last.sessionStaffId) return null;
  if (serviceDay(last.at, timeZone) !== serviceDay(now, timeZone)) return null;
  return {
    type: last.type,
    at: last.at.toISOString(),
    by: last.actor ? { name: last.actor.name, role: last.actor.role } : null,
    reason: last.type === 'paused' ? last.reason : null,
    note: last.note,
  };
}
