import { onScopeDispose, ref, watch, type Ref } from 'vue';

/**
 * How long one page (a line of some sixty characters) of a board notice stays on screen: read
 * at the pace of a subtitle (about 15 characters a second), with time to look up from the calls.
 */
export const NOTICE_PAGE_MS = 8_000;

/** Where a rotation stands: which notice, and which page of it. */
export interface RotationAt {
  notice: number;
  page: number;
}

/**
 * The next page to show: the notice's next page, or the first page of the next notice, back
 * to the first notice after the last. `pages` is each notice's page count (at least 1 each).
 */
export function nextRotation(at: RotationAt, pages: readonly number[]): RotationAt {
  if (pages.length === 0) return { notice: 0, page: 0 };
  const notice = at.notice < pages.length ? at.notice : 0;
  if (notice === at.notice && at.page + 1 < Math.max(1, pages[notice])) return { notice, page: at.page + 1 };
  return { notice: notice === at.notice ? (notice + 1) % pages.length : notice, page: 0 };
}

/**
 * Turns the board's notices, a page every `NOTICE_PAGE_MS` (a timer, so a test moves it with
 * the page's clock instead of waiting). `pages` is the shown notice's page count, measured by
 * the component once it is laid out.
 */
export function useRotation(count: Ref<number>, pages: Ref<number>, pageMs = NOTICE_PAGE_MS) {
  const at = ref<RotationAt>({ notice: 0, page: 0 });
  watch(count, (n) => {
    if (at.value.notice >= n) at.value = { notice: 0, page: 0 };
  });
  watch(pages, (n) => {
    if (at.value.page >= n) at.value = { notice: at.value.notice, page: 0 };
  });
  const timer = setInterval(() => {
    // Only the shown notice's page count is known: the others count as one page until shown.
    const counts = Array.from({ length: count.value }, (_, i) => (i === at.value.notice ? pages.value : 1));
    at.value = nextRotation(at.value, counts);
  }, pageMs);
  onScopeDispose(() => clearInterval(timer));
  return at;
}
