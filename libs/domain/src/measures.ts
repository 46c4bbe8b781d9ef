/**
 * The punctuality and promptness measures of a ticket (docs/domain.md), computed from its event
 * rows so every screen and report agrees. Durations are in minutes (fractional; screens
 * round), null when the ticket never reached the moment a measure needs.
 *
 * Events may come in any order: they are sorted by `at`, and events with the same `at`
 * keep the order they were given in, so pass them in the order they were recorded.
 */
import type { TicketEventType } from './realtime.js';
import { minutesBetween } from './time.js';

export interface TicketEventRecord {
  type: TicketEventType;
  /** Epoch milliseconds. */
  at: number;
  /** The service the ticket is in after this event (for `transferred`: the new one). */
  serviceId: string;
}

/**
 * One stay in a service's queue, from entering it (issue, or transfer into it) to the
 * first call after that. `to` and `minutes` are null while the ticket has not been called
 * from it (still waiting, or cancelled while waiting).
 */
export interface WaitingSegment {
  serviceId: string;
  from: number;
  to: number | null;
  minutes: number | null;
}

/**
 * One interaction at a counter, from a start to the finish or to the transfer that ended
 * it. `calledAt` is the last call before the start; `endedAt`, `endedBy` and
 * `serviceMinutes` are null while it is still being served.
 */
export interface ServingSegment {
  serviceId: string;
  calledAt: number | null;
  startedAt: number;
  endedAt: number | null;
  endedBy: 'finished' | 'transferred' | null;
  walkUpMinutes: number | null;
  serviceMinutes: number | null;
}

function chronological(events: readonly TicketEventRecord[]): TicketEventRecord[] {
  // Array.prototype.sort is stable, so same-instant events keep their recorded order.
  return [...events].sort((a, b) => a.at - b.at);
}

/**
 * The ticket's queue segments. Only issue and transfer open a segment: a ticket returned
 * to the queue or reinstated after a no-show goes back into the segment it was already
 * called from, so its waiting time stays "first call − issue" as docs/domain.md defines it
 * (the time after a return or reinstatement is the citizen's doing or a second chance,
 * not the office's promptness).
 */
export function waitingSegments(events: readonly TicketEventRecord[]): WaitingSegment[] {
  const segments: WaitingSegment[] = [];
  let open: WaitingSegment | undefined;
  for (const event of chronological(events)) {
    if (event.type === 'issued' || event.type === 'transferred') {
      open = { serviceId: event.serviceId, from: event.at, to: null, minutes: null };
      segments.push(open);
    } else if (event.type === 'called' && open && open.to === null) {
      open.to = event.at;
      open.minutes = minutesBetween(open.from, event.at);
    }
  }
  return segments;
}

/** Waiting time: first call − issue, in the queue the ticket was issued into. */
export function waitingMinutes(events: readonly TicketEventRecord[]): number | null {
  return waitingSegments(events)[0]?.minutes ?? null;
}

/**
 * Total waiting time over every queue segment the ticket was called from (for a
 * transferred ticket: the first queue plus each queue it was transferred into). A segment
 * it was never called from adds nothing; null when it was never called at all.
 */
export function totalWaitingMinutes(events: readonly TicketEventRecord[]): number | null {
  const called = waitingSegments(events).filter((segment) => segment.minutes !== null);
  if (called.length === 0) return null;
  return called.reduce((sum, segment) => sum + (segment.minutes ?? 0), 0);
}

/**
 * Every start of service, in order. The walk-up is measured from the last `called` before
 * the start; a recall repeats that call and does not restart the clock, because the time
 * lost between call and start is exactly what the walk-up shows.
 */
export function servingSegments(events: readonly TicketEventRecord[]): ServingSegment[] {
  const segments: ServingSegment[] = [];
  let lastCalledAt: number | null = null;
  // An undone no-show puts the call back as it was.
  let calledBeforeNoShow: number | null = null;
  let serving: ServingSegment | undefined;
  for (const event of chronological(events)) {
    switch (event.type) {
      case 'called':
        lastCalledAt = event.at;
        break;
      case 'started':
        serving = {
          serviceId: event.serviceId,
          calledAt: lastCalledAt,
          startedAt: event.at,
          endedAt: null,
          endedBy: null,
          walkUpMinutes: lastCalledAt === null ? null : minutesBetween(lastCalledAt, event.at),
          serviceMinutes: null,
        };
        segments.push(serving);
        lastCalledAt = null;
        break;
      case 'finished':
      case 'transferred':
        if (serving) {
          serving.endedAt = event.at;
          serving.endedBy = event.type;
          serving.serviceMinutes = minutesBetween(serving.startedAt, event.at);
          serving = undefined;
        }
        lastCalledAt = null;
        break;
      case 'no_show':
        calledBeforeNoShow = lastCalledAt;
        lastCalledAt = null;
        break;
      case 'no_show_undone':
        lastCalledAt = calledBeforeNoShow;
        break;
      case 'returned':
        lastCalledAt = null;
        break;
      // Named so that a new event type fails lint here until someone decides what it means for service.
      case 'issued':
      case 'recalled':
      case 'reinstated':
      case 'cancelled':
      case 'closed_end_of_day':
        break;
    }
  }
  return segments;
}

/** Walk-up time: start − last call, for the last start (the final interaction). */
export function walkUpMinutes(events: readonly TicketEventRecord[]): number | null {
  return servingSegments(events).at(-1)?.walkUpMinutes ?? null;
}

/**
 * Service time: finish − start. For a transferred ticket, the last start to the finish
 * (earlier interactions end in a transfer; see `servingSegments` for each). Null until
 * the ticket is finished.
 */
export function serviceMinutes(events: readonly TicketEventRecord[]): number | null {
  const last = servingSegments(events).at(-1);
  return last?.endedBy === 'finished' ? last.serviceMinutes : null;
}

/** Whether a waiting time kept the service's maximum wait (reaching it exactly still counts). */
export function withinStandard(waitingMinutes: number, maxWaitMinutes: number): boolean {
  return waitingMinutes <= maxWaitMinutes;
}

/**
 * Share (0…1) of tickets whose waiting time is within their service's maximum wait. A
 * ticket with no waiting time (never called) is left out of both counts; null when no
 * ticket is left to count.
 */
export function shareWithinStandard(tickets: readonly { waitingMinutes: number | null; maxWaitMinutes: number }[]): number | null {
  const measured = tickets.filter((ticket): ticket is { waitingMinutes: number; maxWaitMinutes: number } => ticket.waitingMinutes !== null);
  if (measured.length === 0) return null;
  return measured.filter((ticket) => withinStandard(ticket.waitingMinutes, ticket.maxWaitMinutes)).length / measured.length;
}
