import { computed } from 'vue';
import { useNow } from '../../../shared/composables/use-now';
import { useOfficeStore } from '../stores/office-store';

/**
 * The server's time, ticking every `intervalMs`: this PC's clock corrected by the offset the
 * office store learned from the server's stamps. The desk's timers and countdowns compare the
 * server's stamps (`calledAt`, `finishedAt`, `pausedAt`) with this, never with this PC's clock.
 */
export function useServerNow(intervalMs = 1_000) {
  const office = useOfficeStore();
  const local = useNow(intervalMs);
  return computed(() => local.value + office.clockOffsetMs);
}
