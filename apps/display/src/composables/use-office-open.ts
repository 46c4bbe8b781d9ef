import { type Ref, onScopeDispose, watch } from 'vue';
import { fetchBoard } from '../api/offices';
import { useOfficeStore } from '../stores/office-store';

/** A calendar change the admin makes reaches a quiet screen within this long (an event reaches it sooner). */
const QUIET_REFRESH_MS = 60_000;
/** Read a moment after the boundary, so the server is past it too. */
const AFTER_BOUNDARY_MS = 1_000;

/**
 * Keeps the office store's calendar state (open now, or closed until when) current on a kiosk
 * or a board: read again from the snapshot at the next boundary it names (closing time when
 * open, the next opening when closed), and now and then for changes an admin makes.
 */
export function useOfficeOpen(slug: Ref<string | null>) {
  const store = useOfficeStore();
  const controller = new AbortController();
  let boundaryTimer: ReturnType<typeof setTimeout> | undefined;

  async function refresh(): Promise<void> {
    if (!slug.value) return;
    try {
      const board = await fetchBoard(slug.value, controller.signal);
      store.setCalendar(board.calendar, board.at);
    } catch {
      // Kept as it was: the next boundary, event or quiet refresh tries again.
    }
  }

  watch(
    () => store.calendar,
    (calendar) => {
      clearTimeout(boundaryTimer);
      const boundary = calendar ? (calendar.open ? calendar.closesAt : calendar.opensAt) : null;
      if (!boundary) return;
      const delay = Date.parse(boundary) - store.serverNow() + AFTER_BOUNDARY_MS;
      // Timers hold at most about 24.8 days; the quiet refresh covers what lies beyond.
      if (delay < 2 ** 31 - 1) boundaryTimer = setTimeout(() => void refresh(), Math.max(delay, AFTER_BOUNDARY_MS));
    },
    { immediate: true },
  );
  const quiet = setInterval(() => void refresh(), QUIET_REFRESH_MS);
  onScopeDispose(() => {
    controller.abort();
    clearTimeout(boundaryTimer);
    clearInterval(quiet);
  });
}
