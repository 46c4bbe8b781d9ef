import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import {
  MAX_RECENT_CALLS,
  applyOfficeEvent,
  estimateWaitMinutes,
  type CallView,
  type ServiceView,
  sequenceDecision,
  type OfficeEvent,
  type OfficeSnapshot,
} from '@loket/domain';

export type ApplyResult = ReturnType<typeof sequenceDecision> | 'not_hydrated';
export type CallListener = (call: CallView) => void;
export type EventListener = (event: OfficeEvent) => void;

const MAX_HELD_EVENTS = 1_000;
/** How many of the latest calls the store keeps (the board shows fewer). */
export { MAX_RECENT_CALLS };

/**
 * One office as the public screens see it: a snapshot from the server, kept current by
 * applying its numbered events in order. A missed number means the state may be stale,
 * so `needsResync` is raised and nothing more is applied until a fresh snapshot arrives.
 */
export const useOfficeStore = defineStore('office', () => {
  const snapshot = ref<OfficeSnapshot | null>(null);
  const needsResync = ref(false);
  // Events that came while no usable snapshot was held (before the subscribe answer, or
  // during a resync): replayed on the next snapshot, which makes those it covers stale.
  let held: OfficeEvent[] = [];

  const office = computed(() => snapshot.value?.office ?? null);
  const seq = computed(() => snapshot.value?.seq ?? null);
  const waiting = computed(() => snapshot.value?.waiting ?? []);
  const counters = computed(() => snapshot.value?.counters ?? []);
  const services = computed(() => snapshot.value?.services ?? []);
  const recentCalls = computed(() => snapshot.value?.recentCalls ?? []);
  /** Each service with its waiting count, open counters and estimate as of the latest event. */
  const serviceLoad = computed<ServiceView[]>(() => {
    const state = snapshot.value;
    if (!state) return [];
    const waitingBy = new Map<string, number>();
    for (const ticket of state.waiting) waitingBy.set(ticket.serviceId, (waitingBy.get(ticket.serviceId) ?? 0) + 1);
    return state.services.map((service) => {
      const waitingCount = waitingBy.get(service.id) ?? 0;
      const countersOpen = state.counters.filter((counter) => counter.state === 'open' && counter.serviceIds.includes(service.id)).length;
      const estimatedWaitMinutes = estimateWaitMinutes({ ahead: waitingCount, openCounters: countersOpen, averageServiceMinutes: service.averageServiceMinutes });
      return { ...service, waitingCount, countersOpen, estimatedWaitMinutes };
    });
  });
  // Told of every call and recall as it is applied (the board speaks them); not reactive state.
  const callListeners = new Set<CallListener>();
  const eventListeners = new Set<EventListener>();

  function onCall(listener: CallListener): () => void {
    callListeners.add(listener);
    return () => callListeners.delete(listener);
  }

  /** Told of every event applied, after the state has changed. */
  function onEvent(listener: EventListener): () => void {
    eventListeners.add(listener);
    return () => eventListeners.delete(listener);
  }

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
    if (event.kind === 'ticket' && event.call) for (const listener of callListeners) listener(event.call);
    for (const listener of eventListeners) listener(event);
    return decision;
  }

  function hold(event: OfficeEvent): void {
    held.push(event);
    // A resync that never comes must not grow memory on a board left running for days.
    if (held.length > MAX_HELD_EVENTS) held.shift();
  }

  return { snapshot, needsResync, office, seq, waiting, counters, services, serviceLoad, recentCalls, hydrate, reset, apply, onCall, onEvent };
});
