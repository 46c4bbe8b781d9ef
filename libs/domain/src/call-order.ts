import { MINUTE_MS } from './time.js';
import type { PriorityCategory } from './priority.js';

/** What the who-is-next rule needs to know of a waiting ticket. Times are epoch milliseconds. */
export interface QueueEntry {
  id: string;
  serviceId: string;
  issuedAt: number;
  dueAt: number;
  priority: PriorityCategory | null;
  /**
   * Increasing in the order tickets were issued: breaks a tie of two tickets issued in the
   * same millisecond the way people queued. Optional for callers with no such order.
   */
  issueOrder?: number;
}

/** What the rule needs to know of the counter that calls. */
export interface CounterScope {
  serviceIds: readonly string[];
  priorityOnly: boolean;
}

/**
 * A waiting ticket's due time: issued-at plus its service's maximum wait, or plus the
 * priority maximum wait for a priority ticket (whichever is sooner, so a priority ticket
 * is never due later than a regular one of the same service issued at the same moment).
 * A transferred ticket keeps its issued-at, so it is due by the new service's standard
 * counted from when the citizen first took a ticket.
 */
export function dueTime(issuedAt: number, serviceMaxWaitMinutes: number, priority: PriorityCategory | null, priorityMaxWaitMinutes: number): number {
  return issuedAt + maxWaitFor(serviceMaxWaitMinutes, priority !== null, priorityMaxWaitMinutes) * MINUTE_MS;
}

/**
 * The maximum wait a ticket is held to: its service's, or for a priority ticket the priority
 * maximum when that is sooner. The one rule behind both the due time and "within standard"
 * (docs/domain.md: a priority ticket counts against the priority maximum), so a priority
 * ticket called after 11 minutes against a 10-minute priority maximum is a breach even
 * when its service allows 15.
 */
export function maxWaitFor(serviceMaxWaitMinutes: number, priority: boolean, priorityMaxWaitMinutes: number): number {
  return priority ? Math.min(serviceMaxWaitMinutes, priorityMaxWaitMinutes) : serviceMaxWaitMinutes;
}

/** Earliest due first, ties by issued-at (then issue order), then by id so the order is total. */
export function compareForCall(a: QueueEntry, b: QueueEntry): number {
  return a.dueAt - b.dueAt || a.issuedAt - b.issuedAt || (a.issueOrder ?? 0) - (b.issueOrder ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function canServe(counter: CounterScope, entry: QueueEntry): boolean {
  return counter.serviceIds.includes(entry.serviceId);
}

/**
 * The queue a counter serves, in the order call-next takes it. A priority counter (loket
 * khusus) takes every waiting priority ticket first, regular tickets only after them.
 */
export function queueFor<T extends QueueEntry>(waiting: readonly T[], counter: CounterScope): T[] {
  const mine = waiting.filter((entry) => canServe(counter, entry));
  if (!counter.priorityOnly) return mine.sort(compareForCall);
  return mine.sort((a, b) => Number(b.priority !== null) - Number(a.priority !== null) || compareForCall(a, b));
}

/** The ticket call-next takes, or undefined when nobody this counter may serve is waiting. */
export function pickNext<T extends QueueEntry>(waiting: readonly T[], counter: CounterScope): T | undefined {
  let best: T | undefined;
  const prefersPriority = counter.priorityOnly;
  for (const entry of waiting) {
    if (!canServe(counter, entry)) continue;
    if (!best) {
      best = entry;
      continue;
    }
    if (prefersPriority && (entry.priority !== null) !== (best.priority !== null)) {
      if (entry.priority !== null) best = entry;
      continue;
    }
    if (compareForCall(entry, best) < 0) best = entry;
  }
  return best;
}

/**
 * 1-based place of a waiting ticket among the tickets of its own service, in call order,
 * or null when it is not waiting.
 */
export function placeInQueue(waiting: readonly QueueEntry[], ticketId: string): number | null {
  const ticket = waiting.find((entry) => entry.id === ticketId);
  if (!ticket) return null;
  return 1 + waiting.filter((entry) => entry.serviceId === ticket.serviceId && compareForCall(entry, ticket) < 0).length;
}
