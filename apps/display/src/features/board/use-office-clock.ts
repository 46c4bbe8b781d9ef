import { computed, onScopeDispose, ref, toValue, type MaybeRefOrGetter } from 'vue';
import { useI18n } from 'vue-i18n';

/** The date and time in the office's zone (WIB/WITA/WIT), ticking every second. */
export function useOfficeClock(timeZone: MaybeRefOrGetter<string | null | undefined>) {
  const { locale } = useI18n();
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), 1_000);
  onScopeDispose(() => clearInterval(timer));

  const zone = computed(() => toValue(timeZone) ?? undefined);
  const time = computed(() => new Intl.DateTimeFormat(locale.value, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: zone.value }).format(now.value));
  const date = computed(() => new Intl.DateTimeFormat(locale.value, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: zone.value }).format(now.value));
  const zoneName = computed(() => {
    const part = new Intl.DateTimeFormat('id-ID', { timeZoneName: 'short', timeZone: zone.value }).formatToParts(now.value).find((p) => p.type === 'timeZoneName');
    return part?.value ?? '';
  });
  return { now, time, date, zoneName };
}
