import { onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';

/** What changes rarely (a publication, a maklumat): the board asks again every ten minutes, and when the office changes. */
const REFRESH_MS = 10 * 60_000;

/**
 * An office's rarely changing record for the board and the public pages: read when the office
 * changes and every ten minutes; null until the first answer. A failed read keeps what was
 * last read (the board shows it, and asks again later); a read the office has since left is
 * aborted.
 */
export function useRareRefresh<T>(slug: MaybeRefOrGetter<string | null>, fetch: (slug: string, signal: AbortSignal) => Promise<T>): Ref<T | null> {
  const value = ref(null) as Ref<T | null>;
  let controller: AbortController | null = null;

  async function load(): Promise<void> {
    const current = toValue(slug);
    controller?.abort();
    if (!current) return;
    controller = new AbortController();
    try {
      value.value = await fetch(current, controller.signal);
    } catch {
      // Kept as it was.
    }
  }

  watch(() => toValue(slug), load, { immediate: true });
  const timer = setInterval(() => void load(), REFRESH_MS);
  onScopeDispose(() => {
    clearInterval(timer);
    controller?.abort();
  });
  return value;
}
