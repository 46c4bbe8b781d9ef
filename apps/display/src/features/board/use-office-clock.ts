import { computed, onScopeDispose, ref, toValue, type MaybeRefOrGetter } from 'vue';
import { useFormat } from '@loket/web';

/**
 * The date and time in the office's zone (WIB/WITA/WIT), ticking every second, read from
 * `source`: the board passes the server's clock, so an unattended PC whose own clock drifts
 * still shows the time its calls are stamped with.
 */
export function useOfficeClock(timeZone: MaybeRefOrGetter<string | null | undefined>, source: () => number = Date.now) {
  const format = useFormat();
  const now = ref(source());
  const timer = setInterval(() => (now.value = source()), 1_000);
  onScopeDispose(() => clearInterval(timer));

  const zone = computed(() => toValue(timeZone) ?? undefined);
  const time = computed(() => format.time(now.value, zone.value));
  const date = computed(() => format.longDate(now.value, zone.value));
  const zoneName = computed(() => format.zoneName(now.value, zone.value));
  return { now, time, date, zoneName };
}
