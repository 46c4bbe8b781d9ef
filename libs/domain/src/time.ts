export const MINUTE_MS = 60_000;

/** Indonesian office time zones, by their everyday name. */
export const OFFICE_TIME_ZONES = {
  WIB: 'Asia/Jakarta',
  WITA: 'Asia/Makassar',
  WIT: 'Asia/Jayapura',
} as const;
export type OfficeTimeZone = (typeof OFFICE_TIME_ZONES)[keyof typeof OFFICE_TIME_ZONES];

export function isOfficeTimeZone(value: string): value is OfficeTimeZone {
  return (Object.values(OFFICE_TIME_ZONES) as string[]).includes(value);
}

/**
 * The calendar days the product deals in. A date a caller sends (a report period, an audit
 * bound) outside them is refused before any date arithmetic or query sees it: past 9999 is a
 * RangeError, before year 1 no PostgreSQL date, and nothing was recorded outside them anyway.
 */
export const EARLIEST_DAY = '2000-01-01';
export const LATEST_DAY = '2099-12-31';

/** A day as the product writes one: `YYYY-MM-DD` (whether it exists is `isCalendarDay`). */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a `YYYY-MM-DD` day lies between EARLIEST_DAY and LATEST_DAY, both included. */
export function withinDayRange(day: string): boolean {
  return DAY_PATTERN.test(day) && day >= EARLIEST_DAY && day <= LATEST_DAY;
}

/** Whether a `YYYY-MM-DD` string is a real calendar day (2026-02-30 is not). */
export function isCalendarDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false;
  const [year, month, date] = value.split('-').map(Number);
  const parsed = new Date(Date.UTC(year, month - 1, date));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === date;
}

/** A day the product can hold: on the calendar, and between EARLIEST_DAY and LATEST_DAY. */
export function isProductDay(value: string): boolean {
  return withinDayRange(value) && isCalendarDay(value);
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The office-local calendar day (`YYYY-MM-DD`) of an instant. Ticket numbering restarts
 * at the office's local midnight, so this, not the UTC date, keys the daily counters.
 */
export function serviceDay(at: Date | number, timeZone: string): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(at);
}

export function minutesBetween(from: number, to: number): number {
  return (to - from) / MINUTE_MS;
}
