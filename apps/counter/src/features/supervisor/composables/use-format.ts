import { computed } from 'vue';
import { useI18n } from 'vue-i18n';

/** Numbers, shares and clock times as people in Indonesia read them (decimal comma in Indonesian), in the office's zone. */
export function useFormat() {
  const { locale } = useI18n();
  const tag = computed(() => (locale.value === 'en' ? 'en-ID' : 'id-ID'));
  const whole = computed(() => new Intl.NumberFormat(tag.value, { maximumFractionDigits: 0 }));
  const oneDecimal = computed(() => new Intl.NumberFormat(tag.value, { maximumFractionDigits: 1 }));
  const twoDecimals = computed(() => new Intl.NumberFormat(tag.value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  const percent = computed(() => new Intl.NumberFormat(tag.value, { style: 'percent', maximumFractionDigits: 0 }));
  return {
    /** Whole minutes, rounded down: "waited 30 minutes" only once 30 have passed. */
    minutes: (value: number | null | undefined) => (value === null || value === undefined ? '–' : whole.value.format(Math.floor(value))),
    decimal: (value: number | null | undefined) => (value === null || value === undefined ? '–' : oneDecimal.value.format(value)),
    fixed2: (value: number | null | undefined) => (value === null || value === undefined ? '–' : twoDecimals.value.format(value)),
    percent: (share: number | null | undefined) => (share === null || share === undefined ? '–' : percent.value.format(share)),
    time: (at: string | number, timeZone: string, seconds = false) =>
      new Intl.DateTimeFormat(tag.value, { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23', timeZone }).format(new Date(at)),
  };
}
