import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { createFormat, type EstimateWords, isAppLocale, LOCALE_TAGS, NO_VALUE } from '@loket/web';

/**
 * The supervisor's figures in the screen's language, with the tags of libs/web (`LOCALE_TAGS`):
 * "5,2 mnt" and "08.16" in Indonesian, "5.2 min" and "08:16" in English (en-ID wrote English
 * with the Indonesian comma and dotted clock). Minutes, decimals and the estimate come from
 * libs/web's formatter; the fixed two decimals, the whole percentages, the clock with seconds
 * and the hour of a chart are the supervisor's own.
 */
export function useFormat() {
  const { locale } = useI18n();
  const tag = computed(() => LOCALE_TAGS[isAppLocale(locale.value) ? locale.value : 'id']);
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
    /** An estimated wait as its range of whole minutes ("12–20 mnt"), or the words for none. */
    estimateRange: (range: { lo: number; hi: number } | null, words: EstimateWords) => format.value.estimateRange(range, words),
    time: (at: string | number, timeZone: string, seconds = false) =>
      new Intl.DateTimeFormat(tag.value, { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23', timeZone }).format(
        new Date(at),
      ),
    /** The start of an hour of the day as a clock time ("08.00" / "08:00"), whatever the zone. */
    hour: (hour: number) =>
      new Intl.DateTimeFormat(tag.value, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(Date.UTC(2000, 0, 1, hour)),
  };
}
