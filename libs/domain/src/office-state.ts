/**
 * How a screen keeps an office snapshot current: each numbered event applied to the state
 * it was taken from. Written once here so the board, kiosk, phone page and counter desk all
 * move the same way; the caller checks the sequence (`sequenceDecision`) first.
 */
import { type QueueEntry, compareForCall } from './call-order.js';
import { TicketStatus } from './ticket-lifecycle.js';
import { type OfficeEvent, type TicketChange, TicketEventType, sequenceDecision } from './realtime.js';
import type { CounterView, OfficeSnapshot, ServiceView, TicketView } from './views.js';
import { RuleError } from './errors.js';

/**
 * How many of the latest calls a snapshot keeps: the latest call of each ticket (a recall
 * replaces the call), and none of a ticket back in a queue (the API's query says the same).
 */
export const MAX_RECENT_CALLS = 10;

/** A ticket as the who-is-next rule sees it. */
export function ticketQueueEntry(ticket: TicketView): QueueEntry {
  return {
    id: ticket.id,
    serviceId: ticket.serviceId,
    issuedAt: Date.parse(ticket.issuedAt),
    dueAt: Date.parse(ticket.dueAt),
    priority: ticket.priority,
    issueOrder: ticket.issueOrder,
  };
}

/**
 * How many counters are open for a service: open (not paused, not closed) and serving it.
 * The one rule behind "counters open" on the kiosk, the board and the supervisor's screen
 * (the API's services query counts the same, held to this by a property test).
 */
export function countersOpenFor(counters: readonly Pick<CounterView, 'state' | 'serviceIds'>[], serviceId: string): number {
  return counters.filter((counter) => counter.state === 'open' && counter.serviceIds.includes(serviceId)).length;
}

/** The counters assigned to a service, open or not (`counters` are the office's active counters, as a snapshot holds them). */
export function countersServingFor(counters: readonly Pick<CounterView, 'serviceIds'>[], serviceId: string): number {
  return counters.filter((counter) => counter.serviceIds.includes(serviceId)).length;
}

/**
 * Whether a kiosk may issue a ticket for the service: it is active, its daily quota is not
 * reached, and some counter serves it. A service no counter serves would hand out tickets
 * nobody can call (issue 14: a new service went live before anyone could serve it).
 */
export function isIssuable(service: Pick<ServiceView, 'active' | 'quotaReached' | 'countersServing'>): boolean {
  return service.active && !service.quotaReached && service.countersServing > 0;
}

/** Whether a service has stopped issuing for today at `now` (the server's): past its cut-off before closing (`issuingUntil`). */
export function pastIssuingCutoff(service: Pick<ServiceView, 'issuingUntil'>, now: number): boolean {
  return service.issuingUntil !== null && Date.parse(service.issuingUntil) <= now;
}

/** Tickets a service can still issue today under its daily quota ("sisa kuota"); null when it has no quota. */
export function quotaLeft(service: Pick<ServiceView, 'standard' | 'issuedToday' | 'quotaReached'>): number | null {
  const quota = service.standard.dailyQuota;
  if (quota === null) return null;
  return service.quotaReached ? 0 : Math.max(0, quota - service.issuedToday);
}

/** Refuses a ticket for a service the kiosk must not offer: inactive, or served by no counter. */
export function assertIssuable(service: { name: string; active: boolean; countersServing: number }): void {
  if (!service.active) throw new RuleError('service_inactive', `${service.name} is not open for tickets`);
  if (service.countersServing === 0)
    throw new RuleError('service_without_counter', `${service.name} has no counter serving it yet: assign a counter before tickets are issued`);
}

/** Applies one event to `state` in place and moves its sequence number on. */
export function applyOfficeEvent(state: OfficeSnapshot, event: OfficeEvent): void {
  if (event.kind === 'ticket') applyTicketChange(state, event);
  else placeCounter(state, event.counter);
  state.seq = event.seq;
  state.at = event.at;
}

function applyTicketChange(state: OfficeSnapshot, change: TicketChange): void {
  placeTicket(state, change.ticket);
  if (change.type === TicketEventType.issued) {
    const service = state.services.find((candidate) => candidate.id === change.ticket.serviceId);
    if (service) {
      service.issuedToday += 1;
      service.quotaReached = service.standard.dailyQuota !== null && service.issuedToday >= service.standard.dailyQuota;
    }
  }
  if (change.call) {
    const call = change.call;
    state.recentCalls = [call, ...state.recentCalls.filter((earlier) => earlier.ticketId !== call.ticketId)].slice(0, MAX_RECENT_CALLS);
  } else if (change.ticket.status === TicketStatus.waiting) {
    // Back in a queue (transferred, returned): no longer called to the counter it left.
    state.recentCalls = state.recentCalls.filter((earlier) => earlier.ticketId !== change.ticket.id);
  }
}

/**
 * Puts a ticket where its status says: in the waiting list in call order, or at the
 * counter that called it; and takes it away from wherever it was before. The waiting list
 * is kept in call order (a snapshot comes in it), so the ticket is inserted where it
 * belongs rather than the list sorted again: every ticket event passes here, on the API
 * (the supervision state it keeps per office) and on every board and supervisor screen,
 * and sorting 2,000 waiting tickets cost milliseconds an event.
 */
export function placeTicket(state: OfficeSnapshot, ticket: TicketView): void {
  const others = state.waiting.filter((candidate) => candidate.id !== ticket.id);
  if (ticket.status === TicketStatus.waiting) others.splice(callOrderIndex(others, ticket), 0, ticket);
  state.waiting = others;
  const atCounter = ticket.status === TicketStatus.called || ticket.status === TicketStatus.serving;
  for (const [index, counter] of state.counters.entries()) {
    const holds = counter.currentTicket?.id === ticket.id;
    const takes = atCounter && ticket.counterId === counter.id;
    if (takes) state.counters.splice(index, 1, { ...counter, currentTicket: ticket });
    else if (holds) state.counters.splice(index, 1, { ...counter, currentTicket: null });
  }
}

/** Where `ticket` goes in `waiting`, a list in call order: after every ticket called before it (a binary search). */
function callOrderIndex(waiting: readonly TicketView[], ticket: TicketView): number {
  const entry = ticketQueueEntry(ticket);
  let low = 0;
  let high = waiting.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareForCall(ticketQueueEntry(waiting[middle]), entry) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Replaces a counter (or adds it, in number order). */
export function placeCounter(state: OfficeSnapshot, counter: CounterView): void {
  const index = state.counters.findIndex((candidate) => candidate.id === counter.id);
  if (index >= 0) state.counters.splice(index, 1, counter);
  else state.counters = [...state.counters, counter].sort((a, b) => a.number - b.number);
}

/** How many events a screen holds while it has no usable snapshot (a board left for days must not grow). */
export const MAX_HELD_EVENTS = 1_000;

export type FeedDecision = 'apply' | 'stale' | 'gap' | 'not_hydrated';

/**
 * Keeps a screen's office state in step with the numbered event stream. An event that
 * cannot be applied yet (no snapshot, or a missed number) is held and `resyncNeeded`
 * raised; `hydrate` takes a fresh snapshot and replays the held events, which makes
 * those the snapshot already covers stale.
 */
export class OfficeFeed {
  private held: OfficeEvent[] = [];
  private state: OfficeSnapshot | null = null;
  resyncNeeded = false;

  constructor(private readonly maxHeld = MAX_HELD_EVENTS) {}

  /** Takes `snapshot` as the state (callers pass their reactive copy) and replays what was held. */
  hydrate(snapshot: OfficeSnapshot, onApplied: (event: OfficeEvent) => void = () => undefined): void {
    this.state = snapshot;
    this.resyncNeeded = false;
    const replay = this.held.sort((a, b) => a.seq - b.seq);
    this.held = [];
    for (const event of replay) this.offer(event, onApplied);
  }

  reset(): void {
    this.state = null;
    this.resyncNeeded = false;
    this.held = [];
  }

  /** Applies the event if it is the next one; otherwise says why not. */
  offer(event: OfficeEvent, onApplied: (event: OfficeEvent) => void = () => undefined): FeedDecision {
    const decision: FeedDecision = !this.state ? 'not_hydrated' : this.resyncNeeded ? 'gap' : sequenceDecision(this.state.seq, event.seq);
    if (decision === 'gap') this.resyncNeeded = true;
    if (decision === 'gap' || decision === 'not_hydrated') {
      this.held.push(event);
      if (this.held.length > this.maxHeld) this.held.shift();
      return decision;
    }
    if (decision === 'apply') {
      applyOfficeEvent(this.state!, event);
      onApplied(event);
    }
    return decision;
  }
}
