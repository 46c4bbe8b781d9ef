import { onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter } from 'vue';
import type { MaklumatView } from '@loket/domain';
import { fetchStandards } from '../api/offices';

/** A new maklumat is rare: the board asks again every ten minutes (and when the office changes). */
const REFRESH_MS = 10 * 60_000;

/** The office's maklumat pelayanan in force (UU 25/2009 Pasal 22), for the board; null when none is recorded. */
export function useMaklumat(slug: MaybeRefOrGetter<string | null>) {
  const maklumat = ref<MaklumatView | null>(null);
  let controller: AbortController | null = null;

  async function load(): Promise<void> {
    const current = toValue(slug);
    controller?.abort();
    if (!current) return;
    controller = new AbortController();
    try {
      maklumat.value = (await fetchStandards(current, controller.signal)).maklumat;
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
  return maklumat;
}
