import { createFormat } from '@loket/web';

/**
 * Numbers, shares and dates as Indonesian offices write them (id-ID: 12,5 and 1.234), whatever
 * the screen language: a report is a document of the office. Whole numbers come from libs/web;
 * the fixed one and two decimals and the long dates are the report's own.
 */
const LOCALE = 'id-ID';
const office = createFormat('id');

const decimal = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat(LOCALE, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const formatInteger = (value: number) => office.number(value, 0);
export const formatMinutes = (value: number) => decimal.format(value);
export const formatTwoDecimals = (value: number) => twoDecimals.format(value);
export const formatPercent = (ratio: number) => percent.format(ratio);

/** An office-local day (YYYY-MM-DD) written out, e.g. "30 November 2026". */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, date)));
}

export function formatPeriod(from: string, to: string): string {
  return from === to ? formatDay(from) : `${formatDay(from)} – ${formatDay(to)}`;
}

/** An instant in the office's zone, with the zone's short name (WIB, WITA, WIT). */
export function formatInstant(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}
