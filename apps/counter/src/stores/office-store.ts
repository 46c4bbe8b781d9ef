import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import {
  type CounterView,
  type OfficeEvent,
  type OfficeSnapshot,
  type TicketView,
  applyOfficeEvent,
  placeCounter,
  placeTicket,
  queueFor,
  sequenceDecision,
  ticketQueueEntry,
} from '@loket/domain';

export type ApplyResult = ReturnType<typeof sequenceDecision> | 'not_hydrated';

const MAX_HELD_EVENTS = 1_000;

/**
 * The office as the desk sees it: a snapshot kept current by applying the office's
 * numbered events in order. A missed number raises `needsResync` and nothing more is
 * applied until a fresh snapshot comes, so the officer never acts on a stale queue.
 */
export const useOfficeStore = defineStore('office', () => {
  const snapshot = ref<OfficeSnapshot | null>(null);
  const needsResync = ref(false);
  let held: OfficeEvent[] = [];

  const office = computed(() => snapshot.value?.office ?? null);
  const services = computed(() => snapshot.value?.services ?? []);
  const counters = computed(() => snapshot.value?.counters ?? []);

  function hydrate(next: OfficeSnapshot): void {
    snapshot.value = next;
    needsResync.value = false;
    const replay = held.sort((a, b) => a.seq - b.seq);
    held = [];
    for (const event of replay) apply(event);
  }

  function reset(): void {
    snapshot.value = null;
    needsResync.value = false;
    held = [];
  }

  function apply(event: OfficeEvent): ApplyResult {
    const state = snapshot.value;
    if (!state || needsResync.value) {
      hold(event);
      return state ? 'gap' : 'not_hydrated';
    }
    const decision = sequenceDecision(state.seq, event.seq);
    if (decision === 'gap') {
      needsResync.value = true;
      hold(event);
    }
    if (decision !== 'apply') return decision;
    applyOfficeEvent(state, event);
    return decision;
  }

  function hold(event: OfficeEvent): void {
    held.push(event);
    if (held.length > MAX_HELD_EVENTS) held.shift();
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

  return { snapshot, needsResync, office, services, counters, hydrate, reset, apply, patchTicket, patchCounter, counter, queueOf };
});
