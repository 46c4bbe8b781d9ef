import { computed, onMounted, onScopeDispose, ref, watch, type Ref } from 'vue';

/** How long one page of counters stays on screen. */
export const PAGE_MS = 8_000;

/**
 * The smallest counter tile that still reads from 10 m on a 43-inch screen, in percent of the
 * screen's height (vh), as the tile's CSS sets it: an 11vh number has a cap height of about
 * 8vh, 43 mm on a 43-inch 16:9 panel (536 mm tall), which is 15 minutes of arc at 10 m, near
 * the 16 ISO 9241-303 sets for reading (on a 16:9 screen the tile's width makes it 10.7vh).
 * The tile is that number beside the counter's number (a line of 0.95 × 11vh, or the status's
 * two lines of 5vh), with the counter's name above (5.6vh × 1.12; CounterList.vue says why
 * those sizes), 0.4vh of padding and 0.5vh of border: 17.7vh. Three rows of it fit the
 * counters' area at 1920×1080 and 1366×768.
 */
export const TILE_MIN_WIDTH_VH = 61;
export const TILE_HEIGHT_VH = 17.7;
const GAP_VH = 0.8;

/** The size of one item on a page, in vh: its least width and its height. */
export interface TileSize {
  minWidthVh: number;
  heightVh: number;
}

/**
 * Lays items (counters, services) out in as many columns and rows of readable tiles as the
 * area holds, and pages through them when there are more: a page every `PAGE_MS`, so every
 * item is shown, never cut off. `area` is the element the tiles fill.
 */
export function usePages<T>(
  items: Ref<readonly T[]>,
  area: Ref<HTMLElement | null>,
  tile: TileSize = { minWidthVh: TILE_MIN_WIDTH_VH, heightVh: TILE_HEIGHT_VH },
) {
  const columns = ref(1);
  const rows = ref(1);
  const page = ref(0);

  function measure(): void {
    const element = area.value;
    if (!element) return;
    const vh = window.innerHeight / 100;
    const gap = GAP_VH * vh;
    columns.value = Math.max(1, Math.floor((element.clientWidth + gap) / (tile.minWidthVh * vh + gap)));
    rows.value = Math.max(1, Math.floor((element.clientHeight + gap) / (tile.heightVh * vh + gap)));
  }

  const perPage = computed(() => columns.value * rows.value);
  const pageCount = computed(() => Math.max(1, Math.ceil(items.value.length / perPage.value)));
  const shown = computed(() => items.value.slice(page.value * perPage.value, (page.value + 1) * perPage.value));
  // Fewer counters than a page holds: the rows it needs, so tiles are not stretched apart.
  const usedRows = computed(() => Math.max(1, Math.min(rows.value, Math.ceil(items.value.length / columns.value))));

  watch(pageCount, (count) => {
    if (page.value >= count) page.value = 0;
  });

  let observer: ResizeObserver | null = null;
  onMounted(() => {
    measure();
    observer = new ResizeObserver(measure);
    if (area.value) observer.observe(area.value);
  });
  const timer = setInterval(() => {
    page.value = (page.value + 1) % pageCount.value;
  }, PAGE_MS);
  onScopeDispose(() => {
    clearInterval(timer);
    observer?.disconnect();
  });

  return { columns, rows: usedRows, page, pageCount, shown };
}
