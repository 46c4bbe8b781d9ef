import { useI18n } from 'vue-i18n';
import { DEFAULT_LOCALE, isAppLocale, type AppLocale } from './locale';

/**
 * The one place the apps turn numbers, money, minutes, waits and instants into text, by the
 * UI's language. `id` is written as Indonesian offices write (Rp 15.000, 1.234,5, 10.05);
 * `en` as plain English (IDR 15,000, 1,234.5, 10:05). A screen that wants another English
 * (an office's en-GB report) passes that tag to `createFormat` itself.
 */
export const LOCALE_TAGS: Record<AppLocale, string> = { id: 'id-ID', en: 'en' };

/** Shown where a figure has no value yet (no ticket served, no counter open). */
export const NO_VALUE = '–';

/**
 * What a screen says about a wait. The words stay in each app's messages (the board says it
 * in two words, the kiosk in a sentence); which of them applies, and how the minutes are
 * written, is decided here once.
 */
export interface EstimateWords {
  /** No estimate: no counter for the service is open. */
  none: string;
  /** Served right away. Leave out where "± 0 minutes" is what the screen should say. */
  now?: string;
  /** The wait, given the minutes already written out. */
  minutes: (minutes: string) => string;
  /** A range of waits, given both ends written out; without it the upper end is said alone. */
  range?: (lo: string, hi: string) => string;
}

export interface Format {
  /** The Intl tag the texts are written in. */
  readonly tag: string;
  /** Whole rupiah with the currency sign; `free` (e.g. "Gratis") stands for 0 when given. */
  rupiah(value: number, free?: string): string;
  /** A number with the language's grouping and decimal sign, up to `fractionDigits` decimals. */
  number(value: number, fractionDigits?: number): string;
  /** Whole minutes, rounded down ("waited 30 minutes" only once 30 have passed); a dash for none. */
  minutes(value: number | null | undefined): string;
  /** An estimated wait in whole minutes, or null when there is none. */
  estimate(minutes: number | null, words: EstimateWords): string;
  /** An estimated wait as a range of whole minutes (lo ≤ hi), or null when there is none. */
  estimateRange(range: { lo: number; hi: number } | null, words: EstimateWords): string;
  /** The clock time, 24-hour ("10.05" / "10:05"), in the given zone. */
  time(at: Date | string | number, timeZone?: string): string;
  /** The date written out with its weekday ("Jumat, 4 Desember 2026"). */
  longDate(at: Date | string | number, timeZone?: string): string;
  /** The weekday and date without the year ("Senin, 7 Desember"): when an office opens again. */
  dayDate(at: Date | string | number, timeZone?: string): string;
  /** Date and time, short ("4 Des 2026, 10.05"), as on a printed ticket. */
  dateTime(at: Date | string | number, timeZone?: string): string;
  /** The zone's Indonesian short name (WIB, WITA, WIT), whatever the language. */
  zoneName(at: Date | string | number, timeZone?: string): string;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

// Intl formatters are costly to build and a board re-renders every second: keep one per tag and options.
function numberFormat(tag: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${tag}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(tag, options)));
  return format;
}

function dateFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tag}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(tag, options)));
  return format;
}

const instant = (at: Date | string | number) => (at instanceof Date ? at : new Date(at));

/** The formatter for a UI language (`id`, `en`) or an explicit Intl tag. */
export function createFormat(locale: AppLocale | string = DEFAULT_LOCALE): Format {
  const tag = isAppLocale(locale) ? LOCALE_TAGS[locale] : locale;
  // Estimates are whole minutes from the API; written without grouping, as the screens always have.
  const wait = (minutes: number) => numberFormat(tag, { maximumFractionDigits: 0, useGrouping: false }).format(minutes);

  return {
    tag,
    rupiah: (value, free) =>
      value === 0 && free !== undefined ? free : numberFormat(tag, { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(value),
    number: (value, fractionDigits = 3) => numberFormat(tag, { maximumFractionDigits: fractionDigits }).format(value),
    minutes: (value) => (value === null || value === undefined ? NO_VALUE : numberFormat(tag, { maximumFractionDigits: 0 }).format(Math.floor(value))),
    estimate(minutes, words) {
      if (minutes === null) return words.none;
      if (minutes === 0 && words.now !== undefined) return words.now;
      return words.minutes(wait(minutes));
    },
    estimateRange(range, words) {
      if (range === null) return words.none;
      if (range.hi === 0 && words.now !== undefined) return words.now;
      if (range.lo === range.hi || !words.range) return words.minutes(wait(range.hi));
      return words.range(wait(range.lo), wait(range.hi));
    },
    time: (at, timeZone) => dateFormat(tag, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(instant(at)),
    longDate: (at, timeZone) => dateFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(instant(at)),
    dayDate: (at, timeZone) => dateFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(instant(at)),
    dateTime: (at, timeZone) => dateFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(instant(at)),
    zoneName: (at, timeZone) =>
      dateFormat(LOCALE_TAGS.id, { timeZoneName: 'short', timeZone })
        .formatToParts(instant(at))
        .find((part) => part.type === 'timeZoneName')?.value ?? '',
  };
}

/**
 * The formatter for the app's current language. Each call reads the language, so a template
 * that uses it re-renders when the language switch is pressed.
 */
export function useFormat(): Format {
  const { locale } = useI18n();
  const current = () => createFormat(locale.value);
  return {
    get tag() {
      return current().tag;
    },
    rupiah: (...args) => current().rupiah(...args),
    number: (...args) => current().number(...args),
    minutes: (...args) => current().minutes(...args),
    estimate: (...args) => current().estimate(...args),
    estimateRange: (...args) => current().estimateRange(...args),
    time: (...args) => current().time(...args),
    longDate: (...args) => current().longDate(...args),
    dayDate: (...args) => current().dayDate(...args),
    dateTime: (...args) => current().dateTime(...args),
    zoneName: (...args) => current().zoneName(...args),
  };
}
