import { ref } from 'vue';

/**
 * The server's clock as a screen knows it: this PC's clock corrected by the offset learnt
 * from the last stamp the server made (an event's or a snapshot's `at`, a reply's time).
 * Every instant a view carries is the server's, so a countdown, "today" or the next
 * opening is counted on it, not on a PC clock that may be minutes off. One mechanism for
 * the desk, the admin calendar and the public screens.
 */
export function createServerClock() {
  /** The server's clock less this PC's, in ms, as of the last stamp learnt. */
  const offsetMs = ref(0);

  /** Learns the offset from a server stamp made just now (`receivedAt`: this PC's time of arrival). */
  function learn(at: string | null | undefined, receivedAt: number = Date.now()): void {
    const server = at ? Date.parse(at) : Number.NaN;
    if (Number.isFinite(server)) offsetMs.value = server - receivedAt;
  }

  /** The server's time at this PC's `local` time (default: now), in epoch ms. */
  function now(local: number = Date.now()): number {
    return local + offsetMs.value;
  }

  return { offsetMs, learn, now };
}

export type ServerClock = ReturnType<typeof createServerClock>;
