import { onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter } from 'vue';
import type { IkmPublicationView } from '@loket/domain';
import { fetchLatestIkm } from '../api/offices';

/** A publication is rare: the board asks again every ten minutes (and when the office changes). */
const REFRESH_MS = 10 * 60_000;

/** The office's latest published IKM and follow-up plan, for the board and the public pages; null until one is published. */
export function useLatestIkm(slug: MaybeRefOrGetter<string | null>) {
  const publication = ref<IkmPublicationView | null>(null);
  let controller: AbortController | null = null;

  async function load(): Promise<void> {
    const current = toValue(slug);
    controller?.abort();
    if (!current) return;
    controller = new AbortController();
    try {
      publication.value = await fetchLatestIkm(current, controller.signal);
    } catch {
      // Kept as it was: the board shows the last one it read, and asks again later.
    }
  }

  watch(() => toValue(slug), load, { immediate: true });
  const timer = setInterval(() => void load(), REFRESH_MS);
  onScopeDispose(() => {
    clearInterval(timer);
    controller?.abort();
  });
  return publication;
}
