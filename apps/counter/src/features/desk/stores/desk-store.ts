import { ref } from 'vue';
import { defineStore } from 'pinia';
import { readStored, writeStored } from '../../../shared/storage';

const STORAGE_KEY = 'loket.counter.desk';

export interface DeskChoice {
  officeSlug: string;
  counterId: string;
}

/** Which office and counter this PC is the desk of: remembered on the PC, so the officer chooses once. */
export const useDeskStore = defineStore('desk', () => {
  const choice = ref<DeskChoice | null>(readStored<DeskChoice>(STORAGE_KEY));

  function choose(next: DeskChoice): void {
    choice.value = next;
    writeStored(STORAGE_KEY, next);
  }

  function forget(): void {
    choice.value = null;
    writeStored(STORAGE_KEY, null);
  }

  return { choice, choose, forget };
});
