/**
 * How a screen keeps an office snapshot current: each numbered event applied to the state
 * it was taken from. Written once here so the board, kiosk, phone page and counter desk all
 * move the same way; the caller checks the sequence (`sequenceDecision`) first.
 */
import { type QueueEntry, compareForCall } from './call-order.js';
import { TicketStatus } from './ticket-lifecycle.js';
import { type OfficeEvent, type TicketChange, TicketEventType } from './realtime.js';
import type { CounterView, OfficeSnapshot, TicketView } from './views.js';

/** How many of the latest calls a snapshot keeps. */
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
  }
}

/**
 * Puts a ticket where its status says: in the waiting list in call order, or at the
 * counter that called it; and takes it away from wherever it was before.
 */
export function placeTicket(state: OfficeSnapshot, ticket: TicketView): void {
  const others = state.waiting.filter((candidate) => candidate.id !== ticket.id);
  if (ticket.status === TicketStatus.waiting) {
    others.push(ticket);
    others.sort((a, b) => compareForCall(ticketQueueEntry(a), ticketQueueEntry(b)));
  }
  state.waiting = others;
  const atCounter = ticket.status === TicketStatus.called || ticket.status === TicketStatus.serving;
  for (const [index, counter] of state.counters.entries()) {
    const holds = counter.currentTicket?.id === ticket.id;
    const takes = atCounter && ticket.counterId === counter.id;
    if (takes) state.counters.splice(index, 1, { ...counter, currentTicket: ticket });
    else if (holds) state.counters.splice(index, 1, { ...counter, currentTicket: null });
  }
}

/** Replaces a counter (or adds it, in number order). */
export function placeCounter(state: OfficeSnapshot, counter: CounterView): void {
  const index = state.counters.findIndex((candidate) => candidate.id === counter.id);
  if (index >= 0) state.counters.splice(index, 1, counter);
  else state.counters = [...state.counters, counter].sort((a, b) => a.number - b.number);
}
