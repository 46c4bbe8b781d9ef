import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { type RegionalOfficeRow, type RegionalSnapshot, applyRegionalRow } from '@loket/domain';

/**
 * The regional dashboard's rows: hydrated from the snapshot, then one office's row at a time as
 * its events move it (libs/domain `applyRegionalRow`: an older row is ignored, the order kept).
 */
export const useRegionalStore = defineStore('regional', () => {
  const rows = ref<RegionalOfficeRow[]>([]);
  const period = ref<RegionalSnapshot['period'] | null>(null);
  const rules = ref<RegionalSnapshot['rules'] | null>(null);
  const loaded = ref(false);

  function reset(): void {
    rows.value = [];
    period.value = null;
    rules.value = null;
    loaded.value = false;
  }

  function hydrate(snapshot: RegionalSnapshot): void {
    // A row that arrived while the snapshot was on its way may be newer than the snapshot's own.
    let next = snapshot.rows;
    for (const row of rows.value) next = applyRegionalRow(next, row);
    rows.value = next;
    period.value = snapshot.period;
    rules.value = snapshot.rules;
    loaded.value = true;
  }

  function apply(row: RegionalOfficeRow): void {
    rows.value = applyRegionalRow(rows.value, row);
  }

  const failing = computed(() => rows.value.filter((row) => row.failing.length > 0).length);

  return { rows, period, rules, loaded, failing, reset, hydrate, apply };
});
