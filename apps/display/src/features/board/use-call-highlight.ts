import { computed, onScopeDispose, ref, type Ref } from 'vue';
import type { CallView } from '@loket/domain';
import { useOfficeStore } from '../../stores/office-store';

/** How long the latest call stays highlighted. */
const HIGHLIGHT_MS = 10_000;

/**
 * Whether the latest call flashes: only when it arrived live, not when the board loads, and
 * only for a call this board shows (`shows`): another zone's call does not cut a flash short.
 */
export function useCallHighlight(latest: Ref<CallView | null>, shows: (call: CallView) => boolean = () => true) {
  const officeStore = useOfficeStore();
  const highlighted = ref<string | null>(null);
  let highlightTimer: ReturnType<typeof setTimeout> | undefined;
  const stopCalls = officeStore.onCall((call) => {
    if (!shows(call)) return;
    highlighted.value = `${call.ticketId}@${call.at}`;
    clearTimeout(highlightTimer);
    highlightTimer = setTimeout(() => (highlighted.value = null), HIGHLIGHT_MS);
  });
  onScopeDispose(() => {
    stopCalls();
    clearTimeout(highlightTimer);
  });
  return computed(() => latest.value !== null && highlighted.value === `${latest.value.ticketId}@${latest.value.at}`);
}
