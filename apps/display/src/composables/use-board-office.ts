import { onScopeDispose, ref } from 'vue';
import { useRoute } from 'vue-router';
import { fetchOffices } from '../api/offices';

export type OfficeChoice = 'loading' | 'none' | 'load_failed' | 'chosen';

const RETRY_DELAY_MS = 10_000;

/**
 * Which office a board shows: `?office=slug` when given, else the first office the API
 * lists, so a single-office installation needs no configuration.
 */
export function useBoardOffice() {
  const route = useRoute();
  const slug = ref<string | null>(null);
  const choice = ref<OfficeChoice>('loading');
  const controller = new AbortController();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  async function choose(): Promise<void> {
    const fromQuery = route.query.office;
    if (typeof fromQuery === 'string' && fromQuery.length > 0) {
      slug.value = fromQuery;
      choice.value = 'chosen';
      return;
    }
    try {
      const [first] = await fetchOffices(controller.signal);
      slug.value = first?.slug ?? null;
      choice.value = first ? 'chosen' : 'none';
    } catch {
      if (controller.signal.aborted) return;
      choice.value = 'load_failed';
      retryTimer = setTimeout(() => void choose(), RETRY_DELAY_MS);
    }
  }

  void choose();
  onScopeDispose(() => {
    controller.abort();
    clearTimeout(retryTimer);
  });

  return { slug, choice };
}
