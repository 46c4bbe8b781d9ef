import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import { createServerClock } from '@loket/web/server-clock';
import {
  CallLedger,
  countersOpenFor,
  countersServingFor,
  MAX_RECENT_CALLS,
  OfficeFeed,
  type FeedDecision,
  type CallView,
  type ServiceView,
  type OfficeEvent,
  type OfficeSnapshot,
  type OfficeOpenState,
} from '@loket/domain';

export type ApplyResult = FeedDecision;
export type CallListener = (call: CallView) => void;
export type EventListener = (event: OfficeEvent) => void;

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
  // Holds events that come before the snapshot or during a resync, and replays them.
  const feed = new OfficeFeed();
  // Which calls were told to the listeners: each call once, live or found in a fresh snapshot.
  const ledger = new CallLedger();
  const office = computed(() => snapshot.value?.office ?? null);
  const seq = computed(() => snapshot.value?.seq ?? null);
  const waiting = computed(() => snapshot.value?.waiting ?? []);
  const counters = computed(() => snapshot.value?.counters ?? []);
  const services = computed(() => snapshot.value?.services ?? []);
  /** The agencies under the office's roof, in its order; one for most offices (then no screen shows them). */
  const agencies = computed(() => snapshot.value?.agencies ?? []);
  /** The building's zones (a board at `?zone=` shows one); none for most offices. */
  const zones = computed(() => snapshot.value?.zones ?? []);
  const recentCalls = computed(() => snapshot.value?.recentCalls ?? []);
  /** Open now or closed until when (the API's calendar, as of the snapshot or `setCalendar`). */
  const calendar = computed(() => snapshot.value?.calendar ?? null);
  /** The server's clock, as of the last snapshot or calendar read: the calendar's instants are the server's. */
  const clock = createServerClock();
  /**
   * The server's now as the kiosk last looked, moved on at each service's cut-off by
   * `useIssuingCutoffs`: a tile closes for the day at its cut-off, not when someone taps.
   */
  const issuingNow = ref(clock.now());

  /** A fresher calendar state, read again when time alone changes it (closing time, the next opening). */
  function setCalendar(next: OfficeOpenState, at: string): void {
    if (!snapshot.value) return;
    snapshot.value.calendar = next;
    clock.learn(at);
  }
  /**
   * The wait a ticket taken now would have, per service id: the API's forecast of the whole
   * office (it alone knows pause starts, schedules and recent arrivals), from the snapshot and
   * then from `setEstimates` as they are fetched again.
   */
  const estimates = ref<Record<string, Pick<ServiceView, 'estimatedWaitMinutes' | 'estimatedWaitRange'>>>({});
  /** Each service with its waiting count and open counters as of the latest event, and the latest estimate. */
  const serviceLoad = computed<ServiceView[]>(() => {
    const state = snapshot.value;
    if (!state) return [];
    const waitingBy = new Map<string, number>();
    for (const ticket of state.waiting) waitingBy.set(ticket.serviceId, (waitingBy.get(ticket.serviceId) ?? 0) + 1);
    return state.services.map((service) => {
      const waitingCount = waitingBy.get(service.id) ?? 0;
      return {
        ...service,
        waitingCount,
        countersOpen: countersOpenFor(state.counters, service.id),
        countersServing: countersServingFor(state.counters, service.id),
        estimatedWaitMinutes: estimates.value[service.id]?.estimatedWaitMinutes ?? null,
        estimatedWaitRange: estimates.value[service.id]?.estimatedWaitRange ?? null,
      };
    });
  });

  function setEstimates(services: readonly Pick<ServiceView, 'id' | 'estimatedWaitMinutes' | 'estimatedWaitRange'>[]): void {
    estimates.value = Object.fromEntries(
      services.map((service) => [service.id, { estimatedWaitMinutes: service.estimatedWaitMinutes, estimatedWaitRange: service.estimatedWaitRange }]),
    );
  }
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

  /**
   * Takes a fresh snapshot: the first one, or one after a gap in the event numbers or a
   * reconnect. Calls it holds that no event brought (made meanwhile) are told as calls now,
   * before the events held meanwhile are replayed.
   */
  function hydrate(next: OfficeSnapshot): void {
    snapshot.value = next;
    clock.learn(next.at);
    setEstimates(next.services);
    for (const call of ledger.fromSnapshot(next.recentCalls)) for (const listener of callListeners) listener(call);
    // The feed mutates the reactive copy, so every screen bound to it follows.
    feed.hydrate(snapshot.value, notify);
    needsResync.value = feed.resyncNeeded;
  }

  /** Forgets the office: another one is shown next (a reconnect to the same one keeps what was told). */
  function reset(): void {
    snapshot.value = null;
    estimates.value = {};
    ledger.reset();
    feed.reset();
    needsResync.value = false;
  }

  function apply(event: OfficeEvent): ApplyResult {
    const decision = feed.offer(event, notify);
    needsResync.value = feed.resyncNeeded;
    return decision;
  }

  function notify(event: OfficeEvent): void {
    const call = event.kind === 'ticket' ? event.call : null;
    if (call && ledger.take(call)) for (const listener of callListeners) listener(call);
    for (const listener of eventListeners) listener(event);
  }

  return {
    snapshot,
    needsResync,
    office,
    seq,
    waiting,
    counters,
    services,
    agencies,
    zones,
    serviceLoad,
    recentCalls,
    calendar,
    serverNow: clock.now,
    issuingNow,
    hydrate,
    reset,
    apply,
    setEstimates,
    setCalendar,
    onCall,
    onEvent,
  };
});
