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
