import { computed, onScopeDispose, watch } from 'vue';
import { storeToRefs } from 'pinia';
import { TicketStatus } from '@loket/domain';
import { useOfficeSocket } from '../../composables/use-office-socket';
import { useOfficeStore } from '../../stores/office-store';
import { useTrackedTicketStore } from '../../stores/tracked-ticket-store';

// A safety net under the live events (a phone asleep in a pocket misses some).
const POLL_MS = 30_000;
const REFRESH_DEBOUNCE_MS = 300;

/**
 * Keeps one tracked ticket current on a phone: loaded when the code changes, read again
 * shortly after an office event that touches it, and now and then regardless.
 */
export function useTicketRefresh(trackingCode: () => string) {
  const store = useTrackedTicketStore();
  const { ticket, state } = storeToRefs(store);
  const officeStore = useOfficeStore();
  useOfficeSocket(computed(() => ticket.value?.officeSlug ?? null));

  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  function refreshSoon(): void {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void store.load(trackingCode()), REFRESH_DEBOUNCE_MS);
  }
  const stopEvents = officeStore.onEvent((event) => {
    if (store.affects(event)) refreshSoon();
  });
  const poll = setInterval(() => {
    if (state.value !== 'malformed' && state.value !== 'not_found') void store.load(trackingCode());
  }, POLL_MS);
  onScopeDispose(() => {
    stopEvents();
    clearTimeout(refreshTimer);
    clearInterval(poll);
  });

  watch(
    trackingCode,
    (code) => {
      state.value = 'loading';
      ticket.value = null;
      void store.load(code);
    },
    { immediate: true },
  );

  // Called (or called again): buzz the phone where the browser allows it. Browsers allow it
  // only once the person has touched the page, and log an error for every refused call.
  watch(
    () => (ticket.value?.status === TicketStatus.called ? `${ticket.value.id}:${ticket.value.recallCount}` : null),
    (key, previous) => {
      const touched = navigator.userActivation?.hasBeenActive ?? true;
      if (key && key !== previous && touched && 'vibrate' in navigator) navigator.vibrate([400, 200, 400, 200, 400]);
    },
  );
}
