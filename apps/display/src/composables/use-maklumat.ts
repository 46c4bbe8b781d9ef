import type { MaybeRefOrGetter } from 'vue';
import { fetchStandards } from '../api/offices';
import { useRareRefresh } from './use-rare-refresh';

/** The office's maklumat pelayanan in force (UU 25/2009 Pasal 22), for the board; null when none is recorded. */
export function useMaklumat(slug: MaybeRefOrGetter<string | null>) {
  return useRareRefresh(slug, async (current, signal) => (await fetchStandards(current, signal)).maklumat);
}
