import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import { createServerClock } from '@loket/web/server-clock';
import {
  type CounterView,
  type OfficeEvent,
  type OfficeSnapshot,
  type TicketView,
  OfficeFeed,
  placeCounter,
  placeTicket,
  queueFor,
  type FeedDecision,
  ticketQueueEntry,
} from '@loket/domain';

export type ApplyResult = FeedDecision;

/**
 * The office as the desk sees it: a snapshot kept current by applying the office's
 * numbered events in order. A missed number raises `needsResync` and nothing more is
 * applied until a fresh snapshot comes, so the officer never acts on a stale queue.
 */
export const useOfficeStore = defineStore('office', () => {
  const snapshot = ref<OfficeSnapshot | null>(null);
  const needsResync = ref(false);
  const feed = new OfficeFeed();
  /**
   * The server's time minus this PC's (ms), from the latest fresh stamp the server sent: an
   * event's `at`, the heartbeat's answer, or the time an action's reply says it happened. Every countdown at the desk
   * runs in server time, as the server judges it: a desk whose clock is off by minutes still
   * shows the no-show wait and the correction window the server will apply. Snapshots are not
   * used: a shared snapshot can be up to half a minute old (the API's snapshot cache).
   */
  const clock = createServerClock();
  const clockOffsetMs = clock.offsetMs;

  const office = computed(() => snapshot.value?.office ?? null);
  const services = computed(() => snapshot.value?.services ?? []);
  const counters = computed(() => snapshot.value?.counters ?? []);

  function hydrate(next: OfficeSnapshot): void {
    snapshot.value = next;
    // The feed mutates the reactive copy, so every screen bound to it follows.
    feed.hydrate(snapshot.value);
    needsResync.value = feed.resyncNeeded;
  }

  function reset(): void {
    snapshot.value = null;
    feed.reset();
    needsResync.value = false;
  }

  function apply(event: OfficeEvent): ApplyResult {
    noteServerTime(event.at);
    const decision = feed.offer(event);
    needsResync.value = feed.resyncNeeded;
    return decision;
  }

  /**
   * What an action's own reply says, applied at once: the numbered event with the same
   * content follows over the socket, so the desk does not wait for it to move on.
   */
  function patchTicket(ticket: TicketView): void {
    if (snapshot.value) placeTicket(snapshot.value, ticket);
  }

  function patchCounter(counter: CounterView): void {
    if (snapshot.value) placeCounter(snapshot.value, counter);
  }

  /** Learns the offset from a server stamp made just now (`receivedAt` is this PC's time of arrival). */
  const noteServerTime = clock.learn;
  /** The server's time now, as far as the desk knows it (epoch ms). */
  const serverNow = clock.now;

  function counter(counterId: string | null): CounterView | null {
    return counters.value.find((candidate) => candidate.id === counterId) ?? null;
  }

  /** The waiting tickets a counter serves, in the order call-next takes them (the domain's `queueFor`). */
  function queueOf(counterId: string | null): TicketView[] {
    const scope = counter(counterId);
    if (!scope || !snapshot.value) return [];
    const entries = snapshot.value.waiting.map((ticket) => ({ ...ticketQueueEntry(ticket), ticket }));
    return queueFor(entries, { serviceIds: scope.serviceIds, priorityOnly: scope.priorityOnly }).map((entry) => entry.ticket);
  }

  return {
    snapshot,
    needsResync,
    office,
    services,
    counters,
    clockOffsetMs,
    hydrate,
    reset,
    apply,
    patchTicket,
    patchCounter,
    noteServerTime,
    serverNow,
    counter,
    queueOf,
  };
});
