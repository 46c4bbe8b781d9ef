import type { MaybeRefOrGetter } from 'vue';
import { fetchLatestIkm } from '../api/offices';
import { useRareRefresh } from './use-rare-refresh';

/** The office's latest published IKM and follow-up plan, for the board and the public pages; null until one is published. */
export function useLatestIkm(slug: MaybeRefOrGetter<string | null>) {
  return useRareRefresh(slug, fetchLatestIkm);
}
