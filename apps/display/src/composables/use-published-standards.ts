import { onScopeDispose, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import type { OfficeStandardsView } from '@loket/domain';
import { fetchStandards } from '../api/offices';

/**
 * The office's published standards, read once per office for a citizen's page (the phone
 * ticket page, the booking pages): the page hands the service's six delivery components and
 * the office's SP4N-LAPOR! channel to the parts that show them. An answer for an office the
 * page no longer shows is dropped. Without a network it stays null: what it carries is extra
 * to those pages, which work without it.
 */
export function usePublishedStandards(slug: MaybeRefOrGetter<string | null | undefined>) {
  const standards = shallowRef<OfficeStandardsView | null>(null);
  let controller: AbortController | null = null;

  async function load(current: string | null | undefined): Promise<void> {
    controller?.abort();
    controller = null;
    if (standards.value?.office.slug !== current) standards.value = null;
    if (!current) return;
    const mine = new AbortController();
    controller = mine;
    try {
      const answer = await fetchStandards(current, mine.signal);
      if (!mine.signal.aborted) standards.value = answer;
    } catch {
      // Not shown: see above.
    }
  }

  watch(() => toValue(slug), load, { immediate: true });
  onScopeDispose(() => controller?.abort());
  return standards;
}
