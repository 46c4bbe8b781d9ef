/**
 * The few statistics every figure uses, written once: the reports, the supervisor's live
 * figures and charts, and the officer's day all average and round the same way.
 */

/**
 * The percentile method of every report, stated once: linear interpolation between the
 * closest ranks (Hyndman–Fan type 7): sort the n values, h = (n − 1)·p, result
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). It is PostgreSQL's `percentile_cont`, Excel's
 * PERCENTILE.INC and NumPy's default, so anyone can re-check a report's figures. The
 * median is the 50th percentile (the mean of the middle two for an even count).
 */
export const PERCENTILE_METHOD = 'linear interpolation between closest ranks (Hyndman–Fan type 7; PostgreSQL percentile_cont, Excel PERCENTILE.INC)';

/** The p-th quantile (0 ≤ p ≤ 1) of the values by PERCENTILE_METHOD; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`A percentile lies between 0 and 1, got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

/** The arithmetic mean; null for no values, so an empty day shows "no figure" rather than 0. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Rounded to one decimal: how minutes are shown on screens and in alert details. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Rounded to two decimals: how figures go into a CSV export. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
