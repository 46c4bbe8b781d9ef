import { computed, onScopeDispose, type MaybeRefOrGetter } from 'vue';
import { useOfficeFeed } from '@loket/web';
import { StaffClientEvent, StaffServerEvent } from '@loket/domain';
import { useAuthStore } from '../../../shared/auth/auth-store';
import { useSupervisionStore } from '../stores/supervision-store';

// Time-based figures (idle, late, waited) move between events on this tick; no figure is polled.
const FIGURE_TICK_MS = 5_000;

/**
 * Keeps the supervisor's store live over one socket with the staff token in the handshake.
 * Every fresh snapshot is a new subscribe (it also joins the staff room); a newly opened
 * counter or a new office day asks for one too, and alerts arrive on the staff room.
 */
export function useSupervisionSocket(officeSlug: MaybeRefOrGetter<string | null>) {
  const store = useSupervisionStore();
  const auth = useAuthStore();
  const { status, error, refresh } = useOfficeFeed(officeSlug, {
    subscribe: StaffClientEvent.subscribe,
    token: () => auth.token,
    reset: store.reset,
    hydrate: store.hydrate,
    apply: (event) => store.apply(event).refetch,
    behind: () => store.needsResync,
    refused: (refusal) => {
      if (refusal.statusCode !== 401) return false;
      auth.expire();
      return true;
    },
    listen: (socket) => {
      socket.on(StaffServerEvent.alertRaised, (alert) => store.alertRaised(alert));
      socket.on(StaffServerEvent.alertAcknowledged, (alert) => store.alertAcknowledged(alert));
      socket.on(StaffServerEvent.alertResolved, (alert) => store.alertResolved(alert));
    },
  });
  const ticker = setInterval(() => {
    if (store.tick()) refresh();
  }, FIGURE_TICK_MS);
  onScopeDispose(() => clearInterval(ticker));

  return { status, problem: computed(() => error.value?.message ?? null) };
}
