import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { OfficerTodayView } from '@loket/domain';
import { deskApi } from '../desk-api';

/** The officer's own today, as the API computes it; refreshed after each action that changes it. */
export const useTodayStore = defineStore('today', () => {
  const today = ref<OfficerTodayView | null>(null);
  const stale = ref(false);

  function hydrate(view: OfficerTodayView | null): void {
    today.value = view;
    stale.value = false;
  }

  async function refresh(): Promise<void> {
    try {
      hydrate(await deskApi.today());
    } catch {
      // The panel keeps the last figures and says they may be out of date.
      stale.value = true;
    }
  }

  return { today, stale, hydrate, refresh };
});
