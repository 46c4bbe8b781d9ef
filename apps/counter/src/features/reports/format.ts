import { createFormat, isAppLocale, LOCALE_TAGS } from '@loket/web';

/**
 * Numbers, shares and dates of a report in the screen's language, with libs/web's tags:
 * Indonesian as offices write it (12,5 and 1.234; 30 November 2026), English as English
 * (12.5 and 1,234). Whole numbers come from libs/web; the fixed one and two decimals and the
 * long dates are the report's own. The CSV download takes its language from the request.
 */
export interface ReportFormat {
  integer(value: number): string;
  minutes(value: number): string;
  twoDecimals(value: number): string;
  percent(ratio: number): string;
  /** An office-local day (YYYY-MM-DD) written out, e.g. "30 November 2026". */
  day(day: string): string;
  period(from: string, to: string): string;
  /** An instant in the office's zone, with the zone's short name (WIB, WITA, WIT). */
  instant(iso: string, timeZone: string): string;
}

export function reportFormat(locale: string): ReportFormat {
  const tag = LOCALE_TAGS[isAppLocale(locale) ? locale : 'id'];
  const whole = createFormat(tag);
  const decimal = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const twoDecimals = new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(tag, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const day = (value: string) => {
    const [year, month, date] = value.split('-').map(Number);
    return new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, date)));
  };
  return {
    integer: (value) => whole.number(value, 0),
    minutes: (value) => decimal.format(value),
    twoDecimals: (value) => twoDecimals.format(value),
    percent: (ratio) => percent.format(ratio),
    day,
    period: (from, to) => (from === to ? day(from) : `${day(from)} – ${day(to)}`),
    instant: (iso, timeZone) =>
      new Intl.DateTimeFormat(tag, {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone,
        timeZoneName: 'short',
      }).format(new Date(iso)),
  };
}
