import { type Ref, onScopeDispose } from 'vue';
import { fetchServices } from '../api/offices';
import { useOfficeStore } from '../stores/office-store';

/** Events settle this long before the estimates are asked for again: a burst of calls costs one request. */
const SETTLE_MS = 2_000;
/** Time alone moves the estimates (a break ends, a service runs long), so ask now and then even when all is quiet. */
const QUIET_REFRESH_MS = 60_000;

/**
 * Keeps the office store's estimates current for a kiosk or a board. The waiting counts
 * move with every event the socket brings; the estimate is the API's forecast of the whole
 * office, fetched again shortly after the queue changes. A failed fetch keeps the last
 * estimates (the next event or the quiet refresh tries again).
 */
export function useServiceEstimates(slug: Ref<string | null>) {
  const store = useOfficeStore();
  const controller = new AbortController();
  let settleTimer: ReturnType<typeof setTimeout> | undefined;

  async function refresh(): Promise<void> {
    clearTimeout(settleTimer);
    settleTimer = undefined;
    if (!slug.value) return;
    try {
      store.setEstimates(await fetchServices(slug.value, controller.signal));
    } catch {
      // Kept as they were; see above.
    }
  }

  function refreshSoon(): void {
    if (settleTimer === undefined) settleTimer = setTimeout(() => void refresh(), SETTLE_MS);
  }

  const stopEvents = store.onEvent(refreshSoon);
  const quiet = setInterval(() => void refresh(), QUIET_REFRESH_MS);
  onScopeDispose(() => {
    stopEvents();
    controller.abort();
    clearTimeout(settleTimer);
    clearInterval(quiet);
  });
}
