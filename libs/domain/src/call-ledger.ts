/**
 * Which calls a screen has already announced, so each call and each recall is spoken once
 * whatever brought it: a live event, or the fresh snapshot taken after a gap in the event
 * numbers or after a reconnect (whose calls were never seen as events). A call is known by
 * its ticket and its instant: a recall of the same ticket is a new call.
 */
import type { CallView } from './views.js';

/** How many calls a screen remembers (a board left on for weeks must not grow). */
export const MAX_REMEMBERED_CALLS = 500;

export function callKey(call: Pick<CallView, 'ticketId' | 'at'>): string {
  return `${call.ticketId}@${call.at}`;
}

export class CallLedger {
  private readonly seen = new Set<string>();
  private primed = false;

  constructor(private readonly maxRemembered = MAX_REMEMBERED_CALLS) {}

  /** True the first time a call is offered: the screen announces it. */
  take(call: Pick<CallView, 'ticketId' | 'at'>): boolean {
    const key = callKey(call);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    // A Set keeps insertion order: the first entry is the oldest call remembered.
    if (this.seen.size > this.maxRemembered) this.seen.delete(this.seen.values().next().value!);
    return true;
  }

  /**
   * The calls of a snapshot (newest first, as the snapshot lists them) not yet announced,
   * oldest first. The first snapshot a screen takes only remembers its calls: they were made
   * before the screen opened, and a board switched on at noon does not read out the morning.
   */
  fromSnapshot(calls: readonly CallView[]): CallView[] {
    const missed = [...calls].reverse().filter((call) => this.take(call));
    if (this.primed) return missed;
    this.primed = true;
    return [];
  }

  /** Forgets everything: the screen now shows another office. */
  reset(): void {
    this.seen.clear();
    this.primed = false;
  }
}
