import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import {
  compareForCall,
  sequenceDecision,
  TicketStatus,
  type CounterChange,
  type OfficeEvent,
  type OfficeSnapshot,
  type TicketChange,
  type TicketView,
} from '@loket/domain';

export type ApplyResult = ReturnType<typeof sequenceDecision> | 'not_hydrated';

const MAX_HELD_EVENTS = 1_000;

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

    if (event.kind === 'ticket') applyTicket(state, event);
    else applyCounter(state, event);
    state.seq = event.seq;
    state.at = event.at;
    return decision;
  }

  function hold(event: OfficeEvent): void {
    held.push(event);
    // A resync that never comes must not grow memory on a board left running for days.
    if (held.length > MAX_HELD_EVENTS) held.shift();
  }

  return { snapshot, needsResync, office, seq, waiting, counters, hydrate, reset, apply };
});

function applyTicket(state: OfficeSnapshot, change: TicketChange): void {
  const others = state.waiting.filter((ticket) => ticket.id !== change.ticket.id);
  if (change.ticket.status === TicketStatus.waiting) {
    others.push(change.ticket);
    others.sort(byCallOrder);
  }
  state.waiting = others;
}

function applyCounter(state: OfficeSnapshot, change: CounterChange): void {
  const index = state.counters.findIndex((counter) => counter.id === change.counter.id);
  if (index >= 0) state.counters.splice(index, 1, change.counter);
  else state.counters = [...state.counters, change.counter].sort((a, b) => a.number - b.number);
}

// The snapshot's waiting list is in call order; keep it so with the domain's own rule.
function byCallOrder(a: TicketView, b: TicketView): number {
  return compareForCall(queueEntry(a), queueEntry(b));
}

function queueEntry(ticket: TicketView) {
  return {
    id: ticket.id,
    serviceId: ticket.serviceId,
    issuedAt: Date.parse(ticket.issuedAt),
    dueAt: Date.parse(ticket.dueAt),
    priority: ticket.priority,
  };
}
