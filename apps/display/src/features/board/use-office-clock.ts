import { computed, onScopeDispose, ref, toValue, type MaybeRefOrGetter } from 'vue';
import { useFormat } from '@loket/web';

/** The date and time in the office's zone (WIB/WITA/WIT), ticking every second. */
export function useOfficeClock(timeZone: MaybeRefOrGetter<string | null | undefined>) {
  const format = useFormat();
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), 1_000);
  onScopeDispose(() => clearInterval(timer));

  const zone = computed(() => toValue(timeZone) ?? undefined);
  const time = computed(() => format.time(now.value, zone.value));
  const date = computed(() => format.longDate(now.value, zone.value));
  const zoneName = computed(() => format.zoneName(now.value, zone.value));
  return { now, time, date, zoneName };
}
