import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { createFormat, type EstimateWords, NO_VALUE } from '@loket/web';

/**
 * The supervisor's figures as people in Indonesia read them: the English screen keeps the
 * decimal comma and the dotted clock (en-ID), unlike the public screens' plain English.
 * Minutes, decimals and the estimate come from libs/web's formatter; the fixed two decimals,
 * the whole percentages and the clock with seconds are the supervisor's own.
 */
export function useFormat() {
  const { locale } = useI18n();
  const tag = computed(() => (locale.value === 'en' ? 'en-ID' : 'id-ID'));
  const format = computed(() => createFormat(tag.value));
  const twoDecimals = computed(() => new Intl.NumberFormat(tag.value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  const percent = computed(() => new Intl.NumberFormat(tag.value, { style: 'percent', maximumFractionDigits: 0 }));
  return {
    /** Whole minutes, rounded down: "waited 30 minutes" only once 30 have passed. */
    minutes: (value: number | null | undefined) => format.value.minutes(value),
    decimal: (value: number | null | undefined) => (value === null || value === undefined ? NO_VALUE : format.value.number(value, 1)),
    fixed2: (value: number | null | undefined) => (value === null || value === undefined ? NO_VALUE : twoDecimals.value.format(value)),
    percent: (share: number | null | undefined) => (share === null || share === undefined ? NO_VALUE : percent.value.format(share)),
    /** An estimated wait in whole minutes, or the words for none. */
    estimate: (minutes: number | null, words: EstimateWords) => format.value.estimate(minutes, words),
    time: (at: string | number, timeZone: string, seconds = false) =>
      new Intl.DateTimeFormat(tag.value, { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23', timeZone }).format(
        new Date(at),
      ),
  };
}
