import { ref, watch, type Ref } from 'vue';
import { ApiError } from '../api/http';

/** Why a page's record is not shown: it does not exist (404), or it could not be read. */
export type PageFailure = 'not_found' | 'failed';

/**
 * A public page's one record (a booking, an office's booking form, its published standard),
 * read again whenever its key changes: null while it loads or when it failed, with why. An
 * answer for a key the page has since left is dropped, so a quick switch never shows the
 * wrong record. `value` stays writable, for a page that replaces it after an action.
 */
export function usePageLoad<T>(key: () => string | null | undefined, fetch: (key: string) => Promise<T>) {
  const value = ref(null) as Ref<T | null>;
  const failure = ref<PageFailure | null>(null);

  async function load(current: string | null | undefined): Promise<void> {
    value.value = null;
    failure.value = null;
    if (!current) return;
    try {
      const found = await fetch(current);
      if (key() === current) value.value = found;
    } catch (error) {
      if (key() === current) failure.value = error instanceof ApiError && error.status === 404 ? 'not_found' : 'failed';
    }
  }
  watch(key, load, { immediate: true });
  return { value, failure };
}
